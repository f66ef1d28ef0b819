/**
 * The page's only script, served as `/static/app.js` (CSP `script-src 'self'`): it follows
 * the login panel's session over server-sent events, falls back to polling the JSON status
 * when `EventSource` is missing or fails, and counts the code's lifetime down. It only sets
 * `textContent`, `href`, `src` and `hidden`: no HTML from the server is ever parsed.
 */
export const CLIENT_SCRIPT = `'use strict';
(function () {
  var panel = document.getElementById('session');
  if (!panel || panel.dataset.live !== 'true') return;
  var id = panel.dataset.sessionId;
  var base = '/sessions/' + encodeURIComponent(id);
  var finished = false;
  var pollTimer = null;
  var source = null;

  function byId(name) { return document.getElementById(name); }
  function show(name, visible) { var el = byId(name); if (el) el.hidden = !visible; }
  function text(view) {
    switch (view.status) {
      case 'pending': return 'Connecting…';
      case 'url-available': return 'Connecting: continue at the issuer.';
      case 'code-emitted': return 'Connecting: enter the code at the issuer.';
      case 'success': return 'Connected as ' + (view.who || 'your account') + '.';
      default: return 'Not connected: ' + (view.error || 'the login failed') + '.';
    }
  }
  function render(view) {
    if (!view || view.id !== id || finished) return;
    panel.dataset.status = view.status;
    byId('session-status').textContent = text(view);
    show('code-block', view.status === 'code-emitted');
    show('redirect-block', view.status === 'url-available');
    show('done-block', view.done);
    show('cancel-form', !view.done);
    if (view.status === 'code-emitted') {
      byId('user-code').textContent = view.userCode || '';
      var link = byId('verification-link');
      link.textContent = view.verificationUrl || '';
      link.href = view.verificationUrlComplete || view.verificationUrl || '#';
      if (view.qrUrl) byId('qr').src = view.qrUrl;
      byId('countdown').dataset.expiresAt = view.expiresAt ? String(view.expiresAt) : '';
      countdown();
    }
    if (view.status === 'url-available' && view.authUrl) byId('auth-link').href = view.authUrl;
    if (view.done) stop();
  }
  function stop() {
    finished = true;
    if (source) source.close();
    if (pollTimer) clearTimeout(pollTimer);
  }
  function poll() {
    if (finished) return;
    fetch(base, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 404) { stop(); return null; }
        return response.ok ? response.json() : null;
      })
      .then(function (view) { if (view) render(view); })
      .catch(function () {})
      .then(function () { if (!finished) pollTimer = setTimeout(poll, 2000); });
  }
  function listen() {
    if (typeof window.EventSource !== 'function') { poll(); return; }
    source = new EventSource(base + '/events');
    source.addEventListener('status', function (event) {
      try { render(JSON.parse(event.data)); } catch (e) { /* ignore a bad event */ }
    });
    source.addEventListener('gone', function () { stop(); });
    source.onerror = function () {
      if (finished) return;
      source.close();
      source = null;
      poll();
    };
  }
  function countdown() {
    var el = byId('countdown');
    var at = Number(el && el.dataset.expiresAt);
    if (el && at > 0) {
      var left = Math.max(0, Math.round((at - Date.now()) / 1000));
      el.textContent = Math.floor(left / 60) + ' min ' + (left % 60) + ' s';
    }
  }
  function tick() {
    countdown();
    if (!finished) setTimeout(tick, 1000);
  }
  listen();
  tick();
})();
`;

/** The stylesheet, served as `/static/app.css` (CSP `style-src 'self'`). */
export const STYLES = `body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 44rem; padding: 0 1rem; color: #1d2430; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
.row { display: flex; gap: 1rem; align-items: center; justify-content: space-between; }
.code { font: 600 2rem ui-monospace, monospace; letter-spacing: 0.2em; }
.error { color: #b42318; }
.hint { color: #57606a; }
label { display: block; margin: 0.5rem 0; }
label.flow { margin: 0.25rem 0; }
footer { margin-top: 3rem; color: #57606a; font-size: 0.85rem; }
[hidden] { display: none !important; }
`;
