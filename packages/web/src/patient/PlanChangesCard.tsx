/** The Today card "Your care team changed your plan": the changes not seen yet, with "Got it" to put them away. */
import { useCallback, useEffect, useState } from 'react';
import { careteamApi } from '../api/careteam.ts';
import type { PlanChangeWithAuthor } from '../api/careteam.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PlanChangesList } from '../care-team/PlanChangesList.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { describeError } from '../ui/form-errors.ts';
import { usePlan } from './use-plan.ts';
import './careteam-patient.css';

export function PlanChangesCard({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const { t } = useI18n();
  const plan = usePlan();
  const [unseen, setUnseen] = useState<PlanChangeWithAuthor[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { changes } = await careteamApi.planChanges(patientId);
      setUnseen(changes.filter((change) => change.unseen));
    } catch {
      // Offline: the card waits for the next visit; nothing here is urgent.
    }
  }, [patientId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (unseen.length === 0) {
    return null;
  }
  return (
    <section className="card plan-changes-card" aria-labelledby="plan-changes-title" data-testid="plan-changes-card">
      <h2 id="plan-changes-title">{t('careteam.card.title')}</h2>
      <p>{t('careteam.card.intro')}</p>
      <PlanChangesList changes={unseen} plan={plan} timeZone={timeZone} authorOf={(change) => change.by} />
      {error !== null && <FormMessage>{describeError(t, error)}</FormMessage>}
      <button
        type="button"
        className="primary caregiver-ok"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          careteamApi.markPlanChangesSeen(patientId).then(
            () => {
              setUnseen([]);
              setBusy(false);
            },
            (failure: unknown) => {
              setError(failure);
              setBusy(false);
            },
          );
        }}
      >
        {t('careteam.card.gotIt')}
      </button>
    </section>
  );
}
