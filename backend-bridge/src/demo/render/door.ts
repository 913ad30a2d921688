import { doorStamp } from '../time';

/** The door reader's Japanese CSV export header. */
export const DOOR_HEADER = '日時,カードID,氏名,社員番号,ドア,方向,結果,理由\n';

export interface DoorPass {
  t: number;
  card: string;
  account: string;
  employeeId: string;
  door: string;
  direction: '入室' | '退室';
  result: string;
  reason: string;
}

export function doorLine(p: DoorPass): string {
  return `${doorStamp(p.t)},${p.card},${p.account},${p.employeeId},${p.door},${p.direction},${p.result},${p.reason}`;
}
