/** The care plan for screens: the copy kept on the device at once, then the server's fresh copy (which is kept too). */
import { useEffect, useState } from 'react';
import type { CarePlan } from '@aftercare/core';
import { api } from '../api/client.ts';
import { cachedPlan, cachePlan } from './offline-cache.ts';
import { DEFAULT_PLAN_ID } from './plan-view.ts';

export function usePlan(planId: string = DEFAULT_PLAN_ID): CarePlan | null {
  const [plan, setPlan] = useState<CarePlan | null>(() => {
    const cached = cachedPlan();
    return cached?.id === planId ? cached : null;
  });
  useEffect(() => {
    let current = true;
    api.plan(planId).then(
      (fresh) => {
        const value = fresh as CarePlan;
        cachePlan(value);
        if (current) {
          setPlan(value);
        }
      },
      () => {
        // Offline: the cached copy (if any) stays on screen.
      },
    );
    return () => {
      current = false;
    };
  }, [planId]);
  return plan;
}
