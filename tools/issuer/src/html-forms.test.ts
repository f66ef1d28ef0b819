import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';
import { formSubmission, parseForms } from './html-forms.js';

const PAGE = 'http://127.0.0.1:4000/interaction/abc';

describe('parseForms', () => {
  it('reads action, method, hidden fields and named submit buttons', () => {
    const [form] = parseForms(
      `<form id="consent" method="post" action="/interaction/abc/consent">
        <input type="hidden" name="csrf" value="a&amp;b&quot;c">
        <button type="submit" name="decision" value="approve">Approve</button>
        <button type="submit" name="decision" value="deny">Deny <em>now</em></button>
        <button type="button" name="ignored">x</button>
      </form>`,
      PAGE,
    );
    expect(form).toEqual({
      id: 'consent',
      action: 'http://127.0.0.1:4000/interaction/abc/consent',
      method: 'POST',
      fields: [['csrf', 'a&b"c']],
      buttons: [
        { name: 'decision', value: 'approve', text: 'Approve' },
        { name: 'decision', value: 'deny', text: 'Deny now' },
      ],
    });
  });

  it("joins controls outside the form that name it (oidc-provider's device pages)", () => {
    const html = `<form id="op.deviceConfirmForm" method="post" action="http://127.0.0.1:4000/device">
<input type="hidden" name="xsrf" value="x1"/>
<input type="hidden" name="user_code" value="BCDF-GHJK"/>
</form>
<button autofocus type="submit" form="op.deviceConfirmForm">Continue</button>
<button type="submit" form="op.deviceConfirmForm" value="yes" name="abort">[ Abort ]</button>
<button type="submit" form="other">Elsewhere</button>`;
    const [form] = parseForms(html, PAGE);
    expect(form?.fields).toEqual([
      ['xsrf', 'x1'],
      ['user_code', 'BCDF-GHJK'],
    ]);
    expect(form?.buttons.map((button) => button.text)).toEqual(['Continue', '[ Abort ]']);
  });

  it('defaults to GET on the page URL, skips unnamed, disabled and unchecked inputs', () => {
    const [form] = parseForms(
      `<form><input name="a" value='1'><input value="2"><input name="b" disabled value="3">
       <input type="checkbox" name="c"><input type="checkbox" name="d" checked><input name=e value=5></form>`,
      PAGE,
    );
    expect(form?.method).toBe('GET');
    expect(form?.action).toBe(PAGE);
    expect(form?.fields).toEqual([
      ['a', '1'],
      ['d', 'on'],
      ['e', '5'],
    ]);
  });
});

describe('formSubmission', () => {
  it('types values over fields and adds the clicked button', () => {
    const [form] = parseForms(
      '<form method="post"><input type="hidden" name="csrf" value="t"><input name="username" value="old"><button name="go" value="1">Go</button></form>',
      PAGE,
    );
    if (form === undefined) throw new Error('no form');
    const body = formSubmission(form, { username: 'demo', password: 'demo' }, form.buttons[0]);
    expect(body.toString()).toBe('csrf=t&username=demo&password=demo&go=1');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe(
      '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;',
    );
  });
});
