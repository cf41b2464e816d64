/** Turns a number of working days after a moment into a deadline. */
export interface DeadlineCalendar {
  addWorkingDays(from: Date, days: number): Date;
}
