import type * as classValidator from 'class-validator';

type ClassValidator = typeof classValidator;

/**
 * One export of class-validator from the module that defines it. The package's index loads all of
 * its ~100 rules, libphonenumber's metadata among them (about 3.3 MB of heap and 0.1 s of every
 * start); the inputs need a dozen. `validate`, which needs the index, is loaded at the first input
 * checked (src/graphql/schema.ts). Decorators and `validate` share the package's global metadata.
 */
function rule<Name extends keyof ClassValidator>(file: string, name: Name): ClassValidator[Name] {
  return (require(`class-validator/cjs/decorator/${file}`) as ClassValidator)[name];
}

export const ArrayMaxSize = rule('array/ArrayMaxSize', 'ArrayMaxSize');
export const IsIn = rule('common/IsIn', 'IsIn');
export const IsOptional = rule('common/IsOptional', 'IsOptional');
export const ValidateBy = rule('common/ValidateBy', 'ValidateBy');
export const ValidateNested = rule('common/ValidateNested', 'ValidateNested');
export const Max = rule('number/Max', 'Max');
export const Min = rule('number/Min', 'Min');
export const IsEmail = rule('string/IsEmail', 'IsEmail');
export const isEmail = rule('string/IsEmail', 'isEmail');
export const isURL = rule('string/IsUrl', 'isURL');
export const Length = rule('string/Length', 'Length');
export const Matches = rule('string/Matches', 'Matches');
export const MaxLength = rule('string/MaxLength', 'MaxLength');
export const MinLength = rule('string/MinLength', 'MinLength');
export const IsInt = rule('typechecker/IsInt', 'IsInt');
export type { ValidationOptions } from 'class-validator';
/** The rules classes carry, without the index: a class without rules is never handed to `validate`. */
export const getMetadataStorage = (require('class-validator/cjs/metadata/MetadataStorage') as ClassValidator).getMetadataStorage;
