import type { Language } from './language';

export type UseCaseId = 'cyber' | 'insider' | 'audit' | 'attendance' | 'failure';

interface UseCase {
  id: UseCaseId;
  title: Record<Language, string>;
  question: Record<Language, string>;
}

/** The five purposes of log management (ログ管理の5つの目的) from the product spec, in its order. */
export const USE_CASES: readonly UseCase[] = [
  {
    id: 'cyber',
    title: { ja: 'サイバー攻撃対策', en: 'Cyber-attack response' },
    question: {
      ja: '誰が、いつ、どの PC・サーバー・システムにアクセスしたか。侵入を早く見つけ、原因と被害範囲を突き止めます。',
      en: 'Who accessed which PC, server or system, and when. Spot an intrusion early, then find its cause and blast radius.',
    },
  },
  {
    id: 'insider',
    title: { ja: '内部不正対策', en: 'Insider threat' },
    question: {
      ja: '従業員による情報漏えいを、過失・故意を問わず抑止し、調査します。',
      en: 'Deter and investigate leaks by employees, whether careless or malicious.',
    },
  },
  {
    id: 'audit',
    title: { ja: '監査報告', en: 'Audit reporting' },
    question: {
      ja: '証跡を長期保管し、システムが不正に変更されていないこと、特権作業が正当だったことを証明します。',
      en: 'Keep evidence long-term. Prove that systems were not changed improperly and that privileged work was legitimate.',
    },
  },
  {
    id: 'attendance',
    title: { ja: '勤務実態の把握', en: 'Working-hours visibility' },
    question: {
      ja: 'PC のログオン・ログオフとアプリ利用から勤務実態を把握します。サービス残業、深夜・休日勤務も見えます。',
      en: 'Attendance from PC logon/logoff and application use: unpaid overtime, late-night and holiday work.',
    },
  },
  {
    id: 'failure',
    title: { ja: '障害原因調査', en: 'Failure investigation' },
    question: {
      ja: '障害の前後に何が起きたか、どの機器が故障したか、誰がネットワークを占有していたかを調べます。',
      en: 'What happened before and after an outage, which device failed, and who was saturating the network.',
    },
  },
];
