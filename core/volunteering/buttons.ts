import { viewButton } from '../conversation/buttons.ts';

/**
 * The volunteering view buttons. They carry no revision: browsing, signing up and giving a
 * seat back are safe to press at any time (each checks the event as it is then), so a
 * reminder's "cancel my seat" still works days later.
 */
export const VOLUNTEER_ACTIONS = {
  page: 'vol-page',
  open: 'vol-open',
  join: 'vol-join',
  leave: 'vol-leave',
  mine: 'vol-mine',
} as const;

export type VolunteerAction = keyof typeof VOLUNTEER_ACTIONS;

export function volunteerButton(action: VolunteerAction, arg?: number): string {
  return viewButton(VOLUNTEER_ACTIONS[action], arg === undefined ? undefined : String(arg));
}
