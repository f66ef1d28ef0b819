import { decodeHtml } from './html.js';

/** A submit button of an HTML form, as a browser would see it. */
export interface HtmlButton {
  /** The `name` attribute; a button without one adds nothing to the submission. */
  readonly name: string | undefined;
  /** The `value` attribute (`''` when absent). */
  readonly value: string;
  /** The button's visible text, tags stripped and whitespace collapsed. */
  readonly text: string;
}

/** An HTML form: where it submits, and what a browser would send without user input. */
export interface HtmlForm {
  /** The `id` attribute, if any. */
  readonly id: string | undefined;
  /** The absolute URL the form submits to (the page URL when `action` is absent). */
  readonly action: string;
  /** `GET` or `POST`. */
  readonly method: 'GET' | 'POST';
  /** Every named `<input>` with its current value, in document order (hidden ones included). */
  readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
  /** Submit buttons inside the form or tied to it with a `form="id"` attribute. */
  readonly buttons: readonly HtmlButton[];
}

const FORM = /<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi;
const INPUT = /<input\b([^>]*)>/gi;
const BUTTON = /<button\b([^>]*)>([\s\S]*?)<\/button\s*>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Parses the attributes of one start tag (`name="x" disabled`) into a map with decoded values.
 * Names are lower-cased; a bare attribute maps to `''`.
 */
export function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined || attributes.has(name)) continue;
    attributes.set(name, decodeHtml(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/**
 * Finds the forms of an HTML page the way a (script-less) browser submits them: hidden and
 * text inputs with their values, submit buttons (including ones outside the form that point
 * at it with `form="id"`, as oidc-provider's device pages do), and the resolved action URL.
 *
 * It is a small regular-expression reader for the issuer's own pages, not a general HTML
 * parser: no `<select>`, `<textarea>` or nested forms.
 *
 * @param html the page body.
 * @param pageUrl the URL the page was loaded from, to resolve relative actions.
 * @example
 * ```ts
 * const [form] = parseForms('<form method="post" action="/login"><input type="hidden" name="csrf" value="x"></form>', 'http://127.0.0.1:1/');
 * form.action; // 'http://127.0.0.1:1/login'
 * ```
 */
export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(FORM)) {
    const attributes = parseAttributes(match[1] ?? '');
    const body = match[2] ?? '';
    const id = attributes.get('id');
    const outside = id === undefined ? '' : outsideControls(html, match.index, match[0].length, id);
    const method = attributes.get('method')?.toUpperCase() === 'POST' ? 'POST' : 'GET';
    forms.push({
      id,
      action: new URL(attributes.get('action') || pageUrl, pageUrl).href,
      method,
      fields: [...inputsOf(body), ...inputsOf(outside)],
      buttons: [...buttonsOf(body), ...buttonsOf(outside)],
    });
  }
  return forms;
}

/** Controls outside a form that name it in their `form` attribute, as one HTML string. */
function outsideControls(html: string, start: number, length: number, id: string): string {
  const rest = html.slice(0, start) + html.slice(start + length);
  const controls: string[] = [];
  for (const pattern of [INPUT, BUTTON]) {
    for (const control of rest.matchAll(pattern)) {
      if (parseAttributes(control[1] ?? '').get('form') === id) controls.push(control[0]);
    }
  }
  return controls.join('\n');
}

function inputsOf(html: string): Array<readonly [string, string]> {
  const fields: Array<readonly [string, string]> = [];
  for (const match of html.matchAll(INPUT)) {
    const attributes = parseAttributes(match[1] ?? '');
    const name = attributes.get('name');
    const type = (attributes.get('type') ?? 'text').toLowerCase();
    if (name === undefined || attributes.has('disabled')) continue;
    if (type === 'submit' || type === 'button' || type === 'image' || type === 'reset') continue;
    if ((type === 'checkbox' || type === 'radio') && !attributes.has('checked')) continue;
    fields.push([name, attributes.get('value') ?? (type === 'checkbox' ? 'on' : '')]);
  }
  return fields;
}

function buttonsOf(html: string): HtmlButton[] {
  const buttons: HtmlButton[] = [];
  for (const match of html.matchAll(BUTTON)) {
    const attributes = parseAttributes(match[1] ?? '');
    const type = (attributes.get('type') ?? 'submit').toLowerCase();
    if (type !== 'submit' || attributes.has('disabled')) continue;
    buttons.push({
      name: attributes.get('name'),
      value: attributes.get('value') ?? '',
      text: textOf(match[2] ?? ''),
    });
  }
  return buttons;
}

/** The visible text of an HTML fragment: tags dropped, references decoded, spaces collapsed. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Builds the `application/x-www-form-urlencoded` body a browser would send for `form`:
 * its fields with `values` typed over them, plus the clicked button's name/value.
 *
 * @param values fields the user filled in; they replace fields of the same name or are added.
 * @param button the clicked button, if any (one of `form.buttons`).
 */
export function formSubmission(
  form: HtmlForm,
  values: Readonly<Record<string, string>> = {},
  button?: HtmlButton,
): URLSearchParams {
  const body = new URLSearchParams();
  const typed = new Set(Object.keys(values));
  for (const [name, value] of form.fields) {
    if (!typed.has(name)) body.append(name, value);
  }
  for (const [name, value] of Object.entries(values)) body.append(name, value);
  if (button?.name !== undefined) body.append(button.name, button.value);
  return body;
}
