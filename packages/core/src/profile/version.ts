/** The profile file version this modelgate writes and reads (kept apart from the zod schema, so reader threads load no zod). */
export const PROFILE_SCHEMA = 'modelgate.profile/v1';
