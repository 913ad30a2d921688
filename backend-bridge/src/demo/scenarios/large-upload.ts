import { ATTACK } from '../office';
import { accessLine } from '../render/squid';
import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

const SENT = 3_221_225_472;
const RECEIVED = 4_200_000;

/** Day 5, 16:05: a developer's PC sends 3 GiB to mega.nz over 40 minutes; firewall, proxy and Zeek all see it. */
export default {
  id: 'large-upload',
  rules: ['cyber-large-upload'],
  days: (plan) => [plan.workDay(5)],
  present: (plan, cast) => [[cast.uploader, plan.workDay(5)]],
  play(scene, d, rng) {
    const { uploader } = scene.cast;
    const { firewall, zeek, out } = scene.logs;
    const t = scene.at(d, 16, 5);
    const end = t + 40 * MINUTE;
    const upload = { src: uploader.ip, dst: ATTACK.exfil, port: 443, sent: SENT, received: RECEIVED };
    firewall.forward(
      end,
      { ...upload, service: 'HTTPS', action: 'close', user: uploader.account, hostname: 'mega.nz' },
      rng,
    );
    const request = {
      client: uploader.ip,
      user: uploader.account,
      host: 'mega.nz',
      https: true,
      serverIp: ATTACK.exfil,
    };
    out.proxy.add(end, accessLine({ t: end, elapsed: 2400113, ...request, bytes: SENT + RECEIVED }));
    zeek.conn(t, { ...upload, service: 'ssl', duration: 2400.1 }, rng);
    scene.record(
      {
        id: 'large-upload',
        title: '3 GiB uploaded to cloud storage from one PC',
        who: uploader.account,
        what: `${uploader.ip} sends 3 GiB to mega.nz over 40 minutes (firewall, proxy and Zeek all see it)`,
        monitoringPoint: 'Exfiltration: large upload per IP',
        useCase: '1 cyber attack, 2 insider',
        detections: [
          {
            description: 'firewall session with > 1 GB sent',
            query: `source.ip:${uploader.ip} AND source.bytes:>=1000000000`,
            minCount: 1,
          },
          {
            description: 'proxy tunnel to cloud storage',
            query:
              `user.name:${uploader.account} AND kansa.url.category:cloud-storage AND ` +
              'destination.bytes:>=1000000000',
            minCount: 1,
          },
        ],
      },
      t,
      end,
    );
  },
} satisfies ScenarioDef;
