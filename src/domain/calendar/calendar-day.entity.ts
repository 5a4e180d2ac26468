import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 节假日与调休: one day that differs from the Monday–Friday pattern in the official schedule (rules.md §3.4). */
@Entity({ name: 'calendar_day' })
export class CalendarDay {
  /** YYYY-MM-DD (kept as a string: see stack.md, "Dates"). */
  @PrimaryColumn({ type: 'date' })
  date!: string;

  /** `HOLIDAY`: 法定节假日, off; `WORKDAY`: 调休上班, an adjusted working day. */
  @Column({ type: 'text' })
  kind!: 'HOLIDAY' | 'WORKDAY';
}

/**
 * A year whose State Council schedule is loaded; a year without a row follows the provisional calendar of rules.md §3.6
 * (weekends and the statutory holidays off, no adjusted working day), and dates counted over it are provisional.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYear {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;
}
