/** Enrol a patient on the plan: with a sign-in made now, or (left empty) an invite link, code and QR code to hand over. */
import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { careteamApi } from '../api/careteam.ts';
import type { EnrolInput } from '../api/client.ts';
import type { InviteAnswer } from '../api/invites.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isLanguage } from '../i18n/index.ts';
import { countryFromLanguageTag } from '../patient/emergency-numbers.ts';
import { localDateIn } from '../patient/zoned-time.ts';
import { BackLink } from '../ui/BackLink.tsx';
import { ChoiceGroup, FormMessage, formValues, TextField } from '../ui/Field.tsx';
import { checkRequired, formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { InviteCard } from './InviteCard.tsx';
import { usePlan } from '../patient/use-plan.ts';
import { draftFromPlan, planFieldsOf } from './plan-draft.ts';
import type { DraftProblem, PlanDraft } from './plan-draft.ts';
import { PlanItemsEditor } from './PlanItemsEditor.tsx';
import { browserTimeZone } from './places.ts';
import { LanguageAndPlaceFields } from './PlaceFields.tsx';

/** Where each request path is shown in this form. */
const FIELD_OF_PATH: Record<string, string> = {
  'account.email': 'loginEmail',
  'account.password': 'loginPassword',
};

const SITES = ['hip', 'sternum', 'both'] as const;
const USES = ['donor', 'own'] as const;

export function EnrolScreen() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const [invited, setInvited] = useState<{ name: string; invite: InviteAnswer } | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = browserTimeZone();
  const guessedCountry = countryFromLanguageTag(navigator.language) ?? 'US';
  const plan = usePlan();
  const [procedureDate, setProcedureDate] = useState(() => localDateIn(zone, new Date()));
  const [patientLanguage, setPatientLanguage] = useState<'en' | 'es'>('en');
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [draftTouched, setDraftTouched] = useState(false);
  const [problems, setProblems] = useState<readonly DraftProblem[]>([]);
  // The plan's suggestions follow the procedure day and language until the team edits them.
  useEffect(() => {
    if (plan !== null && !draftTouched) {
      setDraft(draftFromPlan(plan, patientLanguage, procedureDate));
    }
  }, [plan, patientLanguage, procedureDate, draftTouched]);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    // The sign-in is optional: both empty means the patient joins with an invite.
    const withLogin = (values.loginEmail ?? '').trim() !== '' || (values.loginPassword ?? '') !== '';
    const required = ['name', 'procedureDate', 'harvestSite', 'marrowUse'];
    const check = checkRequired(
      t,
      values,
      withLogin ? [...required, 'loginEmail', 'loginPassword'] : required,
      withLogin ? ['loginPassword'] : [],
    );
    setErrors(check);
    setDone(null);
    setInvited(null);
    const planFields = draft === null ? null : planFieldsOf(draft, values.timeZone ?? zone);
    setProblems(planFields !== null && 'problems' in planFields ? planFields.problems : []);
    if (check.top !== null) {
      return;
    }
    if (planFields !== null && 'problems' in planFields) {
      setErrors({ top: t('errors.formHasProblems'), fields: {} });
      return;
    }
    const site = SITES.find((s) => s === values.harvestSite) ?? 'hip';
    const use = USES.find((u) => u === values.marrowUse) ?? 'donor';
    const input: EnrolInput = {
      name: values.name ?? '',
      procedureDate: values.procedureDate ?? '',
      harvestSite: site,
      marrowUse: use,
      language: isLanguage(values.language) ? values.language : 'en',
      timeZone: values.timeZone ?? zone,
      country: values.country ?? guessedCountry,
      ...(withLogin ? { account: { email: values.loginEmail ?? '', password: values.loginPassword ?? '' } } : {}),
    };
    setBusy(true);
    try {
      const { patient, invite } = await careteamApi.enrol(
        planFields === null ? input : { ...input, ...planFields.fields },
      );
      setDone(t('enrol.done', { name: patient.name }));
      if (invite !== undefined) {
        setInvited({ name: patient.name, invite });
      }
      form.reset();
      setDraftTouched(false);
      setDraft(plan === null ? null : draftFromPlan(plan, patientLanguage, procedureDate));
    } catch (error) {
      setErrors(formErrorsFrom(t, error, (path) => FIELD_OF_PATH[path] ?? path));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen narrow">
      <BackLink />
      <ScreenTitle>{t('enrol.title')}</ScreenTitle>
      {done && <FormMessage tone="success">{done}</FormMessage>}
      {invited && <InviteCard name={invited.name} invite={invited.invite} />}
      <form
        noValidate
        onSubmit={(event) => void submit(event)}
        onChange={(event) => {
          const field = event.target;
          if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) {
            return;
          }
          if (field.name === 'procedureDate' && /^\d{4}-\d{2}-\d{2}$/.test(field.value)) {
            setProcedureDate(field.value);
          } else if (field.name === 'language' && isLanguage(field.value)) {
            setPatientLanguage(field.value);
          }
        }}
      >
        <FormMessage>{errors.top}</FormMessage>
        <TextField name="name" label={t('enrol.name')} autoComplete="off" required error={errors.fields.name} />
        <TextField
          name="procedureDate"
          type="date"
          label={t('enrol.procedureDate')}
          defaultValue={procedureDate}
          required
          error={errors.fields.procedureDate}
        />
        <ChoiceGroup
          name="harvestSite"
          legend={t('enrol.harvestSite')}
          defaultValue="hip"
          options={SITES.map((value) => ({ value, label: t(`enrol.site.${value}`) }))}
          error={errors.fields.harvestSite}
        />
        <ChoiceGroup
          name="marrowUse"
          legend={t('enrol.marrowUse')}
          defaultValue="donor"
          options={USES.map((value) => ({ value, label: t(`enrol.use.${value}`) }))}
          error={errors.fields.marrowUse}
        />
        <LanguageAndPlaceFields
          labels={{ language: t('enrol.language'), timeZone: t('enrol.timeZone'), country: t('enrol.country') }}
          defaults={{ language: 'en', timeZone: zone, country: guessedCountry }}
          errors={errors.fields}
        />
        {draft !== null && (
          <PlanItemsEditor
            plan={plan}
            draft={draft}
            problems={problems}
            procedureDate={procedureDate}
            onChange={(next) => {
              setDraftTouched(true);
              setDraft(next);
            }}
          />
        )}
        <fieldset className="group">
          <legend>{t('enrol.login')}</legend>
          <p className="hint">{t('enrol.loginHelp')}</p>
          <TextField
            name="loginEmail"
            type="email"
            label={t('enrol.email')}
            autoComplete="off"
            error={errors.fields.loginEmail}
          />
          <TextField
            name="loginPassword"
            type="password"
            label={t('enrol.password')}
            hint={t('setup.passwordRule')}
            autoComplete="new-password"
            error={errors.fields.loginPassword}
          />
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t('enrol.submit')}
        </button>
      </form>
    </section>
  );
}
