import { renderValue, T, utf16, ValueError } from './values';

/**
 * BinXML, the token stream EVTX stores events in. Names and template definitions are kept once
 * per chunk and referenced by their chunk offset; the first use of each writes it inline, at
 * the very offset it names. Offsets below are offsets in the chunk buffer.
 */

type Node =
  | { k: 'text'; s: string }
  | { k: 'raw'; s: string }
  | { k: 'sub'; id: number; optional: boolean }
  | { k: 'el'; name: string; attrs: Array<{ name: string; value: Node[] }>; children: Node[] }
  | { k: 'inst'; template: Node[]; values: Value[] };

/** A substitution value: text already escaped for XML, or nested BinXML rendered as markup; undefined = null. */
type Value = string | undefined;

export class BinXmlError extends Error {}

const TOK = {
  Eof: 0x00,
  OpenStart: 0x01,
  CloseStart: 0x02,
  CloseEmpty: 0x03,
  End: 0x04,
  Value: 0x05,
  Attribute: 0x06,
  CData: 0x07,
  CharRef: 0x08,
  EntityRef: 0x09,
  PiTarget: 0x0a,
  PiData: 0x0b,
  TemplateInstance: 0x0c,
  NormalSub: 0x0d,
  OptionalSub: 0x0e,
  FragmentHeader: 0x0f,
} as const;
const MORE = 0x40;

export function escapeXml(s: string): string {
  if (!/[&<>'"]/.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;');
}

/** Parses and renders the records of one chunk; template and name caches live as long as the chunk. */
export class ChunkReader {
  private readonly names = new Map<number, string>();
  private readonly templates = new Map<number, Node[]>();
  private p = 0;
  private depth = 0;

  constructor(private readonly buf: Buffer) {}

  /** Renders the BinXML at [start, end) (one event record's data) as Event XML. */
  render(start: number, end: number): string {
    this.p = start;
    this.depth = 0;
    const nodes = this.content(end, false);
    return renderNodes(nodes, []);
  }

  private need(n: number, end: number): void {
    if (this.p + n > end) throw new BinXmlError(`BinXML runs past its end at chunk offset ${this.p}`);
  }

  private name(offset: number, end: number): string {
    if (offset === this.p) {
      // Inline: next-string offset (4), hash (2), character count (2), UTF-16 characters, NUL.
      this.need(8, end);
      const count = this.buf.readUInt16LE(this.p + 6);
      this.need(10 + count * 2, end);
      const s = utf16(this.buf, this.p + 8, this.p + 8 + count * 2);
      this.names.set(offset, s);
      this.p += 10 + count * 2;
      return s;
    }
    const known = this.names.get(offset);
    if (known !== undefined) return known;
    if (offset + 8 > this.buf.length) throw new BinXmlError(`name offset ${offset} is outside the chunk`);
    const count = this.buf.readUInt16LE(offset + 6);
    if (offset + 8 + count * 2 > this.buf.length)
      throw new BinXmlError(`name at offset ${offset} runs outside the chunk`);
    const s = utf16(this.buf, offset + 8, offset + 8 + count * 2);
    this.names.set(offset, s);
    return s;
  }

  /** Tokens up to EOF (in fragments) or up to the End token of the enclosing element. */
  private content(end: number, inElement: boolean): Node[] {
    if (++this.depth > 64) throw new BinXmlError('BinXML nested deeper than 64 levels');
    const out: Node[] = [];
    const buf = this.buf;
    while (this.p < end) {
      const tok = buf[this.p];
      const base = tok & ~MORE;
      if (base === TOK.Eof) {
        this.p++;
        if (inElement) throw new BinXmlError('end of fragment inside an open element');
        break;
      }
      if (base === TOK.End) {
        this.p++;
        if (!inElement) throw new BinXmlError(`unexpected end-element token at chunk offset ${this.p - 1}`);
        this.depth--;
        return out;
      }
      if (base === TOK.FragmentHeader) {
        this.need(4, end);
        this.p += 4;
      } else if (base === TOK.OpenStart) {
        out.push(this.element(end));
      } else if (base === TOK.TemplateInstance) {
        out.push(this.instance(end));
      } else {
        out.push(this.valueToken(end));
      }
    }
    if (inElement) throw new BinXmlError('element not closed before the end of its data');
    this.depth--;
    return out;
  }

  /** A text-like token: value, substitution, character/entity reference, CDATA, PI. */
  private valueToken(end: number): Node {
    const buf = this.buf;
    const tok = buf[this.p];
    const base = tok & ~MORE;
    switch (base) {
      case TOK.Value: {
        this.need(4, end);
        const type = buf[this.p + 1];
        const count = buf.readUInt16LE(this.p + 2);
        this.need(4 + count * 2, end);
        if (type !== T.String)
          throw new BinXmlError(`value token of type 0x${type.toString(16)} (only strings are defined)`);
        const s = utf16(buf, this.p + 4, this.p + 4 + count * 2);
        this.p += 4 + count * 2;
        return { k: 'text', s: escapeXml(s) };
      }
      case TOK.NormalSub:
      case TOK.OptionalSub: {
        this.need(4, end);
        const id = buf.readUInt16LE(this.p + 1);
        this.p += 4;
        return { k: 'sub', id, optional: base === TOK.OptionalSub };
      }
      case TOK.CharRef: {
        this.need(3, end);
        const code = buf.readUInt16LE(this.p + 1);
        this.p += 3;
        return { k: 'raw', s: `&#${code};` };
      }
      case TOK.EntityRef: {
        this.need(5, end);
        const off = buf.readUInt32LE(this.p + 1);
        this.p += 5;
        return { k: 'raw', s: `&${this.name(off, end)};` };
      }
      case TOK.CData: {
        this.need(3, end);
        const count = buf.readUInt16LE(this.p + 1);
        this.need(3 + count * 2, end);
        const s = utf16(buf, this.p + 3, this.p + 3 + count * 2);
        this.p += 3 + count * 2;
        return { k: 'raw', s: `<![CDATA[${s}]]>` };
      }
      case TOK.PiTarget: {
        this.need(5, end);
        const off = buf.readUInt32LE(this.p + 1);
        this.p += 5;
        const target = this.name(off, end);
        let data = '';
        if ((buf[this.p] & ~MORE) === TOK.PiData) {
          this.need(3, end);
          const count = buf.readUInt16LE(this.p + 1);
          this.need(3 + count * 2, end);
          data = utf16(buf, this.p + 3, this.p + 3 + count * 2);
          this.p += 3 + count * 2;
        }
        return { k: 'raw', s: `<?${target}${data ? ` ${data}` : ''}?>` };
      }
      default:
        throw new BinXmlError(`unknown BinXML token 0x${tok.toString(16)} at chunk offset ${this.p}`);
    }
  }

  private element(end: number): Node {
    const buf = this.buf;
    const tok = buf[this.p];
    // token (1), dependency id (2), data size (4), name offset (4)
    this.need(11, end);
    const nameOffset = buf.readUInt32LE(this.p + 7);
    this.p += 11;
    const name = this.name(nameOffset, end);
    const attrs: Array<{ name: string; value: Node[] }> = [];
    if (tok & MORE) {
      this.need(4, end);
      this.p += 4; // attribute list size
      for (;;) {
        this.need(5, end);
        const at = buf[this.p];
        if ((at & ~MORE) !== TOK.Attribute)
          throw new BinXmlError(`expected an attribute token at chunk offset ${this.p}`);
        const off = buf.readUInt32LE(this.p + 1);
        this.p += 5;
        const attrName = this.name(off, end);
        const value: Node[] = [];
        while (this.p < end) {
          const b = buf[this.p] & ~MORE;
          if (
            b !== TOK.Value &&
            b !== TOK.NormalSub &&
            b !== TOK.OptionalSub &&
            b !== TOK.CharRef &&
            b !== TOK.EntityRef
          )
            break;
          value.push(this.valueToken(end));
        }
        attrs.push({ name: attrName, value });
        if (!(at & MORE)) break;
      }
    }
    this.need(1, end);
    const close = buf[this.p++];
    if (close === TOK.CloseEmpty) return { k: 'el', name, attrs, children: [] };
    if (close !== TOK.CloseStart)
      throw new BinXmlError(`expected close of start element <${name}> at chunk offset ${this.p - 1}`);
    return { k: 'el', name, attrs, children: this.content(end, true) };
  }

  private instance(end: number): Node {
    const buf = this.buf;
    // token (1), unknown (1), template id (4), definition offset (4)
    this.need(10, end);
    const defOffset = buf.readUInt32LE(this.p + 6);
    this.p += 10;
    let template = this.templates.get(defOffset);
    if (defOffset === this.p) {
      // Inline definition: next definition offset (4), GUID (16), data size (4), BinXML fragment.
      this.need(24, end);
      const size = buf.readUInt32LE(this.p + 20);
      this.need(24 + size, end);
      const bodyEnd = this.p + 24 + size;
      if (!template) {
        this.p += 24;
        template = this.content(bodyEnd, false);
        this.templates.set(defOffset, template);
      }
      this.p = bodyEnd;
    } else if (!template) {
      template = this.templateAt(defOffset);
    }
    // Values: count (4), descriptors (size 2, type 1, unused 1) × count, then the values back to back.
    this.need(4, end);
    const count = buf.readUInt32LE(this.p);
    this.p += 4;
    this.need(count * 4, end);
    const descStart = this.p;
    this.p += count * 4;
    const values: Value[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const size = buf.readUInt16LE(descStart + i * 4);
      const type = buf[descStart + i * 4 + 2];
      this.need(size, end);
      const start = this.p;
      this.p += size;
      if (type === T.Null || size === 0) values[i] = undefined;
      else if (type === T.BinXml) values[i] = this.nested(start, start + size);
      else {
        try {
          values[i] = escapeXml(renderValue(type, buf, start, start + size));
        } catch (err) {
          if (err instanceof ValueError) throw new BinXmlError(`substitution ${i}: ${err.message}`);
          throw err;
        }
      }
    }
    return { k: 'inst', template, values };
  }

  /** A definition referenced before being seen inline in this reading (e.g. the chunk's first record was skipped). */
  private templateAt(offset: number): Node[] {
    if (offset + 24 > this.buf.length)
      throw new BinXmlError(`template definition offset ${offset} is outside the chunk`);
    const size = this.buf.readUInt32LE(offset + 20);
    const saved = this.p;
    this.p = offset + 24;
    const template = this.content(Math.min(this.buf.length, offset + 24 + size), false);
    this.p = saved;
    this.templates.set(offset, template);
    return template;
  }

  /** A BinXml substitution value: a fragment of its own, rendered with its own instance's values. */
  private nested(start: number, end: number): string {
    const saved = this.p;
    this.p = start;
    const nodes = this.content(end, false);
    this.p = saved;
    return renderNodes(nodes, []);
  }
}

function renderNodes(nodes: Node[], values: Value[]): string {
  let out = '';
  for (const n of nodes) out += renderNode(n, values);
  return out;
}

function renderNode(n: Node, values: Value[]): string {
  switch (n.k) {
    case 'text':
    case 'raw':
      return n.s;
    case 'sub':
      return values[n.id] ?? '';
    case 'inst':
      return renderNodes(n.template, n.values);
    case 'el': {
      let out = `<${n.name}`;
      for (const a of n.attrs) {
        // An optional substitution with no value drops the attribute, as the Windows rendering does.
        if (a.value.length === 1 && a.value[0].k === 'sub' && values[a.value[0].id] === undefined) continue;
        out += ` ${a.name}='${renderNodes(a.value, values)}'`;
      }
      if (n.children.length === 0) return `${out}/>`;
      return `${out}>${renderNodes(n.children, values)}</${n.name}>`;
    }
  }
}
