import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Page markup as hono/html makes it (every interpolation escaped). */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The page frame: one stylesheet and one script, both same-origin (the CSP allows nothing
 * else), no inline script or style, no inline handlers.
 *
 * @param title - The page title.
 * @param instance - The instance name (shown in the footer; handy with several instances).
 * @param body - The page body.
 * @returns The whole document.
 */
export function layout(title: string, instance: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · latch demo server</title>
    <link rel="stylesheet" href="/static/app.css" />
    <script src="/static/app.js" defer></script>
  </head>
  <body>
    <main>${body}</main>
    <footer>latch demo server · instance <span id="instance">${instance}</span></footer>
  </body>
</html>`;
}
