/** Language, time zone and country: the three choices both enrolling a patient and joining with an invite ask for. */
import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { SelectField } from '../ui/Field.tsx';
import { countryOptions, timeZoneOptions } from './places.ts';

type PlaceField = 'language' | 'timeZone' | 'country';

export function LanguageAndPlaceFields({
  labels,
  defaults,
  errors,
}: {
  labels: Record<PlaceField, string>;
  defaults: Record<PlaceField, string>;
  errors: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  // The browser's zone list is long and does not change: build it once per form.
  const [zones] = useState(timeZoneOptions);
  return (
    <>
      <SelectField
        name="language"
        label={labels.language}
        defaultValue={defaults.language}
        options={[
          { value: 'en', label: t('lang.en') },
          { value: 'es', label: t('lang.es') },
        ]}
        error={errors.language}
      />
      <SelectField
        name="timeZone"
        label={labels.timeZone}
        defaultValue={defaults.timeZone}
        options={zones.map((value) => ({ value, label: value.replace(/_/g, ' ') }))}
        error={errors.timeZone}
      />
      <SelectField
        name="country"
        label={labels.country}
        defaultValue={defaults.country}
        options={countryOptions(locale)}
        error={errors.country}
      />
    </>
  );
}
