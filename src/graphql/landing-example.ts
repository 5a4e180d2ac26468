/** The document the Sandbox opens with: something a newcomer can run at once with a token. */
export const LANDING_EXAMPLE = `# Jingban (经办) — paste a token into the Authorization header first:
#   npm run -s token -- --role AGENCY --regions 41,51
# then set the header  Authorization: Bearer <token>
query FirstLook {
  organizations { code name kind regionCode }
  isWorkingDay(date: "2024-04-28")
  dueDirect: addWorkingDays(date: "2024-04-26", days: 15)
}
`;
