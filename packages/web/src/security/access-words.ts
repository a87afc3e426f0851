/** Plain words for an audit event ("Cleo (care team) looked at your medicines"): the action verb and the thing. */
import type { MessageKey } from '../i18n/index.ts';

/** "patient.read" → read; "medication.change" → change; unknown verbs say "used". */
export function actionKey(action: string): MessageKey {
  const verb = action.split('.').at(-1) ?? '';
  switch (verb) {
    case 'read':
      return 'security.action.read';
    case 'create':
    case 'add':
    case 'accept':
      return 'security.action.create';
    case 'update':
    case 'change':
    case 'acknowledge':
    case 'resolve':
    case 'stop':
      return 'security.action.change';
    case 'delete':
    case 'remove':
      return 'security.action.delete';
    case 'export':
    case 'download':
      return 'security.action.export';
    default:
      return 'security.action.other';
  }
}

const THINGS: Record<string, MessageKey> = {
  patient: 'security.what.patient',
  medication: 'security.what.medicines',
  medications: 'security.what.medicines',
  allergy: 'security.what.medicines',
  dose: 'security.what.medicines',
  'check-in': 'security.what.checkIns',
  message: 'security.what.messages',
  appointment: 'security.what.visits',
  question: 'security.what.questions',
  alert: 'security.what.alerts',
  session: 'security.what.account',
  account: 'security.what.account',
  passkey: 'security.what.account',
};

export function thingKey(resourceType: string): MessageKey {
  return THINGS[resourceType] ?? 'security.what.other';
}
