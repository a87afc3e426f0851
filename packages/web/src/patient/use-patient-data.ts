/** A patient screen's data: loaded when the screen opens, loaded again (`reload`) after the patient changes something. */
import { useCallback, useEffect, useState } from 'react';

export interface PatientData<T> {
  /** null until the first load succeeds; a failed reload keeps what was shown. */
  data: T | null;
  /** The last load's failure, cleared by the next success. */
  error: unknown;
  reload: () => Promise<void>;
}

/** `load` must be a function defined once (at module level): a new one each render would load again each render. */
export function usePatientData<T>(patientId: string, load: (patientId: string) => Promise<T>): PatientData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setData(await load(patientId));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [patientId, load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, error, reload };
}
