export { DateScalar } from './date.scalar';
export { DateTimeScalar } from './date-time.scalar';
export { DecimalScalar, ScaledDecimal } from './decimal.scalar';
export { MoneyScalar } from './money.scalar';
