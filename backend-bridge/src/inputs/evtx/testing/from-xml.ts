import { parseXml, type XmlElement } from '../../../translators/windows-xml/xml';
import { T } from '../values';
import type { RecordSpec, SubValue, Template, TemplateElement, TemplateNode } from './write';

/**
 * Turns rendered Event XML (wevtutil output) back into what Windows stores: one template per
 * distinct structure, every attribute value and leaf text a typed substitution. Lets the tests
 * write EVTX files whose correct rendering is known: the XML they came from.
 */

/** The BinXML type Windows uses for a value, by where it sits and what it looks like. */
function typed(path: string, text: string): SubValue {
  if (text === '') return null;
  const num = (type: number) => ({ type, value: Number(text) });
  switch (path) {
    case 'TimeCreated@SystemTime':
      return { type: T.FileTime, value: new Date(text) };
    case 'EventRecordID':
      return { type: T.UInt64, value: BigInt(text) };
    case 'EventID':
    case 'Task':
      return num(T.UInt16);
    case 'Version':
    case 'Level':
    case 'Opcode':
      return num(T.UInt8);
    case 'Keywords':
      return { type: T.HexInt64, value: BigInt(text) };
    case 'Execution@ProcessID':
    case 'Execution@ThreadID':
      return num(T.UInt32);
    case 'Security@UserID':
      return { type: T.Sid, value: text };
  }
  if (/^S-1-\d+(-\d+)+$/.test(text)) return { type: T.Sid, value: text };
  if (/^0x[0-9a-f]{1,16}$/.test(text)) return { type: T.HexInt64, value: BigInt(text) };
  return { type: T.String, value: text };
}

function fileTimeExact(text: string): SubValue {
  // Keep the 100 ns digits a Date would lose: write the FILETIME from the text itself.
  const m = /^(.*?)(?:\.(\d{1,7}))?Z$/.exec(text);
  if (!m) return { type: T.String, value: text };
  const ticks = BigInt(Date.parse(`${m[1]}Z`)) * 10000n + BigInt((m[2] ?? '').padEnd(7, '0')) + 116444736000000000n;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ticks);
  return { type: T.FileTime, bytes: b };
}

export function recordFromXml(xml: string, templates: Map<string, Template>): RecordSpec {
  const values: SubValue[] = [];
  const slot = (path: string, text: string) => {
    const v = path === 'TimeCreated@SystemTime' ? fileTimeExact(text) : typed(path, text);
    values.push(v);
    return { sub: values.length - 1, optional: v === null, type: v === null ? T.Null : v.type };
  };
  let key = '';
  const convert = (el: XmlElement): TemplateElement => {
    const attrs: Array<[string, { sub: number; optional?: boolean }]> = [];
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name === 'xmlns') continue;
      const s = slot(`${el.name}@${name}`, value);
      key += `${el.name}@${name}:${s.type};`;
      attrs.push([name, s]);
    }
    const children: TemplateNode[] = el.children.map(convert);
    if (el.children.length === 0 && el.text !== '') {
      const s = slot(el.name, el.text);
      key += `${el.name}=${s.type};`;
      children.push(s);
    }
    key += `</${el.name}>`;
    return { name: el.name, ...(attrs.length ? { attrs } : {}), ...(children.length ? { children } : {}) };
  };
  const root = convert(parseXml(xml));
  const xmlns = /xmlns='([^']*)'/.exec(xml);
  if (xmlns) root.attrs = [['xmlns', xmlns[1]], ...(root.attrs ?? [])];
  let template = templates.get(key);
  if (!template) {
    template = { id: templates.size + 1, root };
    templates.set(key, template);
  }
  return { template, values };
}
