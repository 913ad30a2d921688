import { ParseError } from '../../translate/types';

/**
 * A small XML reader for the subset Windows writes in event XML: elements, attributes in single or
 * double quotes, text, CDATA, comments and processing instructions. No DTDs (rejected, so no entity
 * expansion), no external anything. Names keep only their local part (`ns:Data` → `Data`).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const MAX_DEPTH = 64;

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; an unknown entity stays as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  let out = '';
  let last = 0;
  for (let i = s.indexOf('&'); i !== -1; i = s.indexOf('&', i + 1)) {
    const semi = s.indexOf(';', i + 1);
    if (semi === -1 || semi - i > 12) continue;
    const ent = s.slice(i + 1, semi);
    let rep: string | undefined;
    if (ent.charCodeAt(0) === 35 /* # */) {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff && /^#(x[0-9a-f]+|\d+)$/i.test(ent)) {
        rep = String.fromCodePoint(code);
      }
    } else {
      rep = NAMED_ENTITIES[ent];
    }
    if (rep === undefined) continue;
    out += s.slice(last, i) + rep;
    last = semi + 1;
    i = semi;
  }
  return out + s.slice(last);
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function isNameEnd(ch: number): boolean {
  // whitespace, '/', '>', '='
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47 || ch === 62 || ch === 61;
}

/** Parses one element (with optional prolog and trailing whitespace) and returns it. */
export function parseXml(src: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt === -1) {
      addText(src.slice(i));
      break;
    }
    if (lt > i) addText(src.slice(i, lt));
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end === -1) throw new ParseError(`malformed XML: unterminated comment at character ${lt}`);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      if (end === -1) throw new ParseError(`malformed XML: unterminated CDATA at character ${lt}`);
      if (stack.length > 0) stack[stack.length - 1].text += src.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (src.startsWith('<?', lt)) {
      const end = src.indexOf('?>', lt + 2);
      if (end === -1) throw new ParseError(`malformed XML: unterminated processing instruction at character ${lt}`);
      i = end + 2;
      continue;
    }
    if (src.startsWith('<!', lt)) {
      throw new ParseError(`expected an element at character ${lt}, found a DTD declaration (not allowed)`);
    }
    if (src.charCodeAt(lt + 1) === 47 /* / */) {
      const gt = src.indexOf('>', lt + 2);
      if (gt === -1) throw new ParseError(`malformed XML: unterminated end tag at character ${lt}`);
      const name = localName(src.slice(lt + 2, gt).trim());
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new ParseError(
          `malformed XML: expected </${open ? open.name : '(none)'}> but found </${name}> at character ${lt}`,
        );
      }
      i = gt + 1;
      continue;
    }
    // Start tag.
    let j = lt + 1;
    while (j < n && !isNameEnd(src.charCodeAt(j))) j++;
    const qname = src.slice(lt + 1, j);
    if (qname === '') throw new ParseError(`malformed XML: empty tag name at character ${lt}`);
    const el: XmlElement = { name: localName(qname), attrs: {}, children: [], text: '' };
    let selfClose = false;
    for (;;) {
      while (j < n && src.charCodeAt(j) <= 32) j++;
      if (j >= n) throw new ParseError(`malformed XML: unterminated <${el.name}> tag at character ${lt}`);
      const ch = src.charCodeAt(j);
      if (ch === 62 /* > */) {
        j++;
        break;
      }
      if (ch === 47 /* / */ && src.charCodeAt(j + 1) === 62) {
        selfClose = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n && !isNameEnd(src.charCodeAt(j))) j++;
      const attrName = src.slice(nameStart, j);
      while (j < n && src.charCodeAt(j) <= 32) j++;
      if (attrName === '' || src.charCodeAt(j) !== 61 /* = */) {
        throw new ParseError(`malformed XML: expected attribute="value" in <${el.name}> at character ${nameStart}`);
      }
      j++;
      while (j < n && src.charCodeAt(j) <= 32) j++;
      const quote = src[j];
      if (quote !== '"' && quote !== "'")
        throw new ParseError(`malformed XML: expected a quoted value for ${attrName} in <${el.name}>`);
      const end = src.indexOf(quote, j + 1);
      if (end === -1) throw new ParseError(`malformed XML: unterminated value of ${attrName} in <${el.name}>`);
      el.attrs[attrName.startsWith('xmlns') ? attrName : localName(attrName)] = decodeEntities(src.slice(j + 1, end));
      j = end + 1;
    }
    if (stack.length > 0) {
      stack[stack.length - 1].children.push(el);
    } else if (root) {
      throw new ParseError(`malformed XML: a second top-level element <${el.name}> at character ${lt}`);
    } else {
      root = el;
    }
    if (!selfClose) {
      if (stack.length >= MAX_DEPTH) throw new ParseError(`malformed XML: nested deeper than ${MAX_DEPTH} elements`);
      stack.push(el);
    }
    i = j;
  }
  if (stack.length > 0) {
    throw new ParseError(`truncated XML: expected </${stack[stack.length - 1].name}> before the end of the record`);
  }
  if (!root) throw new ParseError('expected an XML element, found none');
  return root;

  function addText(raw: string): void {
    if (stack.length === 0) {
      if (raw.trim() !== '') throw new ParseError('malformed XML: text outside the root element');
      return;
    }
    stack[stack.length - 1].text += decodeEntities(raw);
  }
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}
