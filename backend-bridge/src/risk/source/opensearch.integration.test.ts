import { indexTemplate } from '@kansa/schema';
import { createClient } from '../../opensearch/client';
import { joinMail } from '../observe/mail';
import { observeStored } from './opensearch';

const client = createClient();
const index = 'test-h23-risk-mail-events';
afterAll(async () => {
  await client.transport.request({ method: 'DELETE', path: `/${index}?ignore_unavailable=true` });
  await client.close();
});

/** One message as the Postfix translator stores it: the submission carries the user, the other lines only the queue id. */
const LINES = [
  {
    '@timestamp': '2031-02-03T01:00:00.000Z',
    'event.id': '3F2A1B4C5D',
    'event.action': 'mail-received-from-client',
    'kansa.source_type': 'postfix',
    'user.name': 'b.lee',
    'kansa.user.department': 'Sales',
    'kansa.user.privileged': false,
    'kansa.user.watchlist': true,
  },
  {
    '@timestamp': '2031-02-03T01:00:00.000Z',
    'event.id': '3F2A1B4C5D',
    'event.action': 'mail-message-id',
    'kansa.source_type': 'postfix',
    'email.message_id': 'x1@corp.test',
  },
  {
    '@timestamp': '2031-02-03T01:00:01.000Z',
    'event.id': '3F2A1B4C5D',
    'event.action': 'mail-queued',
    'kansa.source_type': 'postfix',
    'email.from.address': 'b.lee@corp.test',
    'source.bytes': 4550957,
  },
  {
    '@timestamp': '2031-02-03T01:00:02.000Z',
    'event.id': '3F2A1B4C5D',
    'event.action': 'mail-delivered',
    'kansa.source_type': 'postfix',
    'email.to.address': ['blee77@gmail.com'],
    'email.direction': 'outbound',
  },
  {
    '@timestamp': '2031-02-03T01:00:02.000Z',
    'event.id': '3F2A1B4C5D',
    'event.action': 'mail-removed-from-queue',
    'kansa.source_type': 'postfix',
  },
];

describe('stored Postfix lines', () => {
  it('the sender, the size and the recipients of a message are read back and meet by queue id', async () => {
    await client.transport.request({ method: 'DELETE', path: `/${index}?ignore_unavailable=true` });
    const mappings = (indexTemplate() as { template: { mappings: unknown } }).template.mappings;
    await client.transport.request({
      method: 'PUT',
      path: `/${index}`,
      body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
    });
    const body = `${LINES.flatMap((d) => [JSON.stringify({ create: { _index: index } }), JSON.stringify(d)]).join('\n')}\n`;
    await client.transport.request({ method: 'POST', path: '/_bulk?refresh=true', body });
    const obs = await observeStored(
      client,
      Date.parse('2031-02-02T15:00:00Z'),
      Date.parse('2031-02-03T15:00:00Z'),
      index,
    );
    // The message-id and removed lines say nothing the scorer uses.
    expect(obs).toHaveLength(3);
    const joined = joinMail(obs);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({
      user: 'b.lee',
      metric: 'mailsOut',
      info: { department: 'Sales', watchlist: true },
      mail: { qid: '3F2A1B4C5D', size: 4550957, to: ['blee77@gmail.com'] },
    });
    expect(joined[0].ref?.index).toBe(index);
  }, 60_000);
});
