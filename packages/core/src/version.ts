/** The modelgate release, shown in reports and `modelgate --version` (one place to bump). */
export const version = '0.1.0';
