/** On the patient record: make a new invite (link, code, QR code); the older ones stop working. */
import { useState } from 'react';
import { invitesApi } from '../api/invites.ts';
import type { InviteAnswer } from '../api/invites.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { InviteCard } from './InviteCard.tsx';

export function NewInvite({ patientId, name }: { patientId: string; name: string }) {
  const { t } = useI18n();
  const [invite, setInvite] = useState<InviteAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function make(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setInvite((await invitesApi.newInvite(patientId)).invite);
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="new-invite">
      <p className="hint">{t('invite.newHint')}</p>
      <button type="button" disabled={busy} onClick={() => void make()}>
        {t('invite.new')}
      </button>
      <FormMessage>{error}</FormMessage>
      {invite && <InviteCard name={name} invite={invite} />}
    </div>
  );
}
