/** Settings: language, temperature unit, time zone, country (the emergency number) and emergency contact. */
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isLanguage, LANGUAGES } from '../i18n/index.ts';
import { ChoiceGroup, FormMessage, SelectField, TextField } from '../ui/Field.tsx';
import { formErrorsFrom, NO_ERRORS } from '../ui/form-errors.ts';
import type { FormErrors } from '../ui/form-errors.ts';
import { PushToggle } from '../notify/PushToggle.tsx';
import { SecuritySettings } from '../security/SecuritySettings.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { emergencyNumberFor, KNOWN_COUNTRIES } from './emergency-numbers.ts';
import { patientApi } from './patient-api.ts';
import type { Preferences } from './patient-api.ts';
import { temperatureUnitFor, usePreferences } from './preferences.ts';

/** Every zone the browser knows (Intl), for suggestions; typing any other is allowed and checked by the server. */
function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function SettingsScreen({ patientId }: { patientId: string }) {
  const { t, setLanguage, locale } = useI18n();
  const { preferences, update } = usePreferences(patientId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    const language = text('language');
    const unit = text('temperatureUnit');
    const changes: Partial<Preferences> = {
      timeZone: text('timeZone'),
      country: text('country'),
      emergencyContact: text('emergencyContact') === '' ? null : text('emergencyContact'),
      ...(isLanguage(language) ? { language } : {}),
      ...(unit === 'C' || unit === 'F' ? { temperatureUnit: unit } : {}),
    };
    setBusy(true);
    setSaved(false);
    setErrors(NO_ERRORS);
    try {
      const { preferences: fresh } = await patientApi.savePreferences(patientId, changes);
      update(fresh);
      setLanguage(fresh.language);
      setSaved(true);
    } catch (error) {
      // What was typed stays in the form; the server's message sits beside its field.
      const found = formErrorsFrom(t, error);
      // The server names the problem in English; a wrong zone is common enough to say it in the patient's words.
      if (found.fields.timeZone !== undefined) {
        found.fields.timeZone = t('patient.settings.badTimeZone');
      }
      setErrors(found);
    } finally {
      setBusy(false);
    }
  }

  if (preferences === null) {
    return (
      <section className="screen narrow settings">
        <ScreenTitle>{t('patient.settings.title')}</ScreenTitle>
        <p className="loading">{t('app.loading')}</p>
      </section>
    );
  }

  const regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  const countries = [...new Set([...KNOWN_COUNTRIES, preferences.country])]
    .map((code) => ({
      value: code,
      label: t('patient.settings.countryOption', {
        name: regionNames.of(code) ?? code,
        number: emergencyNumberFor(code),
      }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));

  return (
    <section className="screen narrow settings">
      <ScreenTitle>{t('patient.settings.title')}</ScreenTitle>
      {/* Keyed by the saved values: after a save (or fresh values from the server) the form shows them. */}
      <form key={JSON.stringify(preferences)} noValidate onSubmit={(event) => void submit(event)}>
        <FormMessage>{errors.top}</FormMessage>
        <SelectField
          name="language"
          label={t('patient.settings.language')}
          defaultValue={preferences.language}
          error={errors.fields.language}
          options={LANGUAGES.map((code) => ({ value: code, label: t(code === 'en' ? 'lang.en' : 'lang.es') }))}
        />
        <ChoiceGroup
          name="temperatureUnit"
          legend={t('patient.settings.unit')}
          className="inline"
          defaultValue={temperatureUnitFor(preferences, preferences.country)}
          error={errors.fields.temperatureUnit}
          options={[
            { value: 'C', label: t('patient.settings.unitC') },
            { value: 'F', label: t('patient.settings.unitF') },
          ]}
        />
        <TimeZoneField defaultValue={preferences.timeZone} error={errors.fields.timeZone} />
        <SelectField
          name="country"
          label={t('patient.settings.country')}
          hint={t('patient.settings.countryHint')}
          defaultValue={preferences.country}
          error={errors.fields.country}
          options={countries}
        />
        <TextField
          name="emergencyContact"
          label={t('patient.settings.contact')}
          hint={t('patient.settings.contactHint')}
          autoComplete="off"
          defaultValue={preferences.emergencyContact ?? ''}
          error={errors.fields.emergencyContact}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('patient.settings.saving') : t('patient.settings.save')}
        </button>
      </form>
      <FormMessage tone="success">{saved ? t('patient.settings.saved') : null}</FormMessage>

      <PushToggle />
      <SecuritySettings />
    </section>
  );
}

function TimeZoneField({ defaultValue, error }: { defaultValue: string; error: string | undefined }) {
  const { t } = useI18n();
  const id = useId();
  const listId = `${id}-zones`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{t('patient.settings.timeZone')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('patient.settings.timeZoneHint')}
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name="timeZone"
        type="text"
        list={listId}
        autoComplete="off"
        spellCheck={false}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
      <datalist id={listId}>
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </div>
  );
}
