/** One way to make an ajv instance with ajv-formats, for the schema loader and the config. */
import { Ajv, type Options } from 'ajv';
import formatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its plugin function is the `default` property.
const addFormats = (formatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

export function createAjv(options: Options): Ajv {
  const ajv = new Ajv(options);
  addFormats(ajv);
  return ajv;
}
