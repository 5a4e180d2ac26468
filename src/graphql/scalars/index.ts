import { DateScalar as DateScalarRaw } from './date.scalar';
import { DateTimeScalar as DateTimeScalarRaw } from './date-time.scalar';
import { DecimalScalar as DecimalScalarRaw } from './decimal.scalar';
import { locateLiteralErrors } from './located';
import { MoneyScalar as MoneyScalarRaw } from './money.scalar';

/** The four scalars of the contract; import them from here (their inline-literal errors carry the node). */
export const DateScalar = locateLiteralErrors(DateScalarRaw);
export const DateTimeScalar = locateLiteralErrors(DateTimeScalarRaw);
export const DecimalScalar = locateLiteralErrors(DecimalScalarRaw);
export const MoneyScalar = locateLiteralErrors(MoneyScalarRaw);
export { ScaledDecimal } from './decimal.scalar';
