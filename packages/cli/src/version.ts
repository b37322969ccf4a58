export { version } from '@modelgate/core';
