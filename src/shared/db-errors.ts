/** True for a PostgreSQL unique violation (SQLSTATE 23505), optionally of one named constraint. */
export const isUniqueViolation = (e: unknown, constraint?: string): boolean => {
  const err = e as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = err?.code ?? err?.driverError?.code;
  const name = err?.constraint ?? err?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
};
