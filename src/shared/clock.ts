/**
 * The one source of "today". Calendar dates are China Standard Time dates (runtime.md: TZ of the data is always
 * Asia/Shanghai), whatever the server's own time zone. Tests inject a `FixedClock`.
 */
export interface Clock {
  /** Now, as an instant. */
  now(): Date;
  /** Today in Asia/Shanghai, as `YYYY-MM-DD`. */
  today(): string;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Asia/Shanghai of an instant, `YYYY-MM-DD`. */
export const chinaDateOf = (instant: Date): string => shanghaiDate.format(instant);

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
  today(): string {
    return chinaDateOf(this.now());
  }
}

/** A clock that always answers the same day (tests, what-if runs). */
export class FixedClock implements Clock {
  constructor(private readonly day: string) {}
  now(): Date {
    return new Date(`${this.day}T12:00:00+08:00`);
  }
  today(): string {
    return this.day;
  }
}
