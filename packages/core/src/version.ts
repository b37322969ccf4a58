/** The modelgate release, shown in reports and `modelgate --version` (one place to bump). */
export const version = '1.0.0';
