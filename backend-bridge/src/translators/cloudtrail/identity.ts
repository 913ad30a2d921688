import type { KansaEvent } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';

export interface Who {
  /** The person or principal, as the other translators name people: the part before @ of an e-mail. */
  name?: string;
  email?: string;
  /** IAMUser, AssumedRole, Root, AWSService, FederatedUser, IdentityCenterUser, … */
  type?: string;
  arn?: string;
  account?: string;
  /** For an assumed role: the role behind the session. */
  role?: string;
}

/**
 * The person behind a userIdentity element. An IAM user is its userName; an assumed role (SSO
 * permission sets, SAML federation) is its session name, the last part of the ARN
 * `arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/tanaka@example.co.jp`; the root
 * user is `root`; a service acting by itself has no person.
 */
export function whoOf(identity: Json | undefined): Who {
  if (!identity) return {};
  const type = str(identity.type);
  const arn = str(identity.arn);
  const account = str(identity.accountId);
  const who: Who = { type, arn, account };
  let name: string | undefined;
  if (type === 'IAMUser') name = str(identity.userName) ?? arn?.split('/').pop();
  else if (type === 'Root') name = 'root';
  else if (type === 'AssumedRole' || type === 'FederatedUser') {
    const parts = arn?.split('/') ?? [];
    name = parts.length >= 3 ? parts[parts.length - 1] : undefined;
    who.role =
      parts.length >= 3 ? parts[parts.length - 2] : str(obj(obj(identity.sessionContext)?.sessionIssuer)?.userName);
  } else if (type === 'IdentityCenterUser') name = str(obj(identity.onBehalfOf)?.userId) ?? str(identity.userName);
  else if (type !== 'AWSService' && type !== 'AWSAccount') name = str(identity.userName);
  if (name && name.includes('@')) {
    who.email = name;
    name = name.slice(0, name.indexOf('@'));
  }
  if (name) who.name = name;
  return who;
}

export function setWho(ev: KansaEvent, who: Who): void {
  if (who.name) ev['user.name'] = who.name;
  if (who.email) ev['user.email'] = who.email;
  if (who.account) ev['user.domain'] = who.account;
}
