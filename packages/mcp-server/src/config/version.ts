/**
 * The version, as the package's package.json says it: the one place it is written. The bundle inlines the JSON at
 * build time; the library build imports it from the package beside dist/.
 */
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
