/** Labelled form controls that show their hint and error beside them, wired for screen readers. */
import { useId } from 'react';
import type { ReactNode } from 'react';

interface Described {
  hint?: string | undefined;
  error?: string | undefined;
}

function describedBy(id: string, { hint, error }: Described): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids === '' ? undefined : ids;
}

function HintAndError({ id, hint, error }: Described & { id: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

interface TextFieldProps extends Described {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number';
  autoComplete?: string;
  defaultValue?: string;
  required?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'text';
  step?: string;
}

export function TextField({ name, label, type = 'text', hint, error, required, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
        {...rest}
      />
    </div>
  );
}

interface SelectFieldProps extends Described {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
}

export function SelectField({ name, label, options, hint, error, defaultValue }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceGroupProps extends Described {
  name: string;
  legend: string;
  type?: 'radio' | 'checkbox';
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  className?: string;
}

/** Radio buttons or checkboxes in a fieldset whose legend names the question. */
export function ChoiceGroup({
  name,
  legend,
  type = 'radio',
  options,
  hint,
  error,
  defaultValue,
  className,
}: ChoiceGroupProps) {
  const id = useId();
  return (
    <fieldset
      className={['choices', className, error ? 'field-invalid' : ''].filter(Boolean).join(' ')}
      aria-describedby={describedBy(id, { hint, error })}
    >
      <legend>{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type={type} name={name} value={option.value} defaultChecked={option.value === defaultValue} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The message at the top of a form; announced when it appears. */
export function FormMessage({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'success' }) {
  if (!children) {
    return null;
  }
  return (
    <div className={`form-message form-message-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Every string value of a submitted form, by field name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string') {
      values[name] = value;
    }
  }
  return values;
}
