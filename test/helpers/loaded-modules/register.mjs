// `node --import tsx --import ./test/helpers/loaded-modules/register.mjs PROGRAM`: writes the URL
// of every module the program loads, one a line, to the file named by LOADED_MODULES_OUT. Imported
// after tsx, so its hooks see the URLs tsx resolves (the .ts files themselves).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { out: process.env.LOADED_MODULES_OUT } });
