// Compares our subset SDL with Healthie's real SDL, definition by definition.
//
// "Subset" means: every type, field, argument, input field and enum value we declare must exist in
// the real schema with the same kind, the same type string (names + list/non-null wrappers) and the
// same default value. The reverse direction matters too, but only where it changes what a document
// may say: a required argument or input field of the real schema (non-null without a default) must be
// declared by us, otherwise the simulator would accept documents that Healthie rejects.
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isNonNullType,
  isUnionType,
} from 'graphql';

function kindOf(type) {
  if (isObjectType(type)) return 'object';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  if (isScalarType(type)) return 'scalar';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  return 'unknown';
}

const defaultOf = (v) => (v === undefined ? '(none)' : JSON.stringify(v));
const isRequired = (v) => isNonNullType(v.type) && v.defaultValue === undefined;

function compareValues(where, ours, real, problems) {
  // `ours` / `real` are arrays of args or input fields.
  const realByName = new Map(real.map((v) => [v.name, v]));
  for (const v of ours) {
    const r = realByName.get(v.name);
    if (!r) {
      problems.push(`${where}.${v.name}: not in the real schema`);
      continue;
    }
    if (String(v.type) !== String(r.type)) {
      problems.push(`${where}.${v.name}: type ${v.type}, real schema has ${r.type}`);
    }
    if (defaultOf(v.defaultValue) !== defaultOf(r.defaultValue)) {
      problems.push(`${where}.${v.name}: default ${defaultOf(v.defaultValue)}, real schema has ${defaultOf(r.defaultValue)}`);
    }
  }
  const oursNames = new Set(ours.map((v) => v.name));
  for (const r of real) {
    if (isRequired(r) && !oursNames.has(r.name)) {
      problems.push(`${where}.${r.name}: required in the real schema (${r.type}) but missing here`);
    }
  }
}

function compareType(ours, real, problems) {
  const name = ours.name;
  if (kindOf(ours) !== kindOf(real)) {
    problems.push(`${name}: is ${kindOf(ours)}, real schema has ${kindOf(real)}`);
    return;
  }
  if (isEnumType(ours)) {
    const realValues = new Set(real.getValues().map((v) => v.name));
    for (const v of ours.getValues()) {
      if (!realValues.has(v.name)) problems.push(`${name}.${v.name}: enum value not in the real schema`);
    }
    return;
  }
  if (isInputObjectType(ours)) {
    compareValues(name, Object.values(ours.getFields()), Object.values(real.getFields()), problems);
    return;
  }
  if (isObjectType(ours)) {
    const realFields = real.getFields();
    for (const f of Object.values(ours.getFields())) {
      const r = realFields[f.name];
      if (!r) {
        problems.push(`${name}.${f.name}: field not in the real schema`);
        continue;
      }
      if (String(f.type) !== String(r.type)) {
        problems.push(`${name}.${f.name}: type ${f.type}, real schema has ${r.type}`);
      }
      if ((f.deprecationReason ?? null) !== (r.deprecationReason ?? null)) {
        problems.push(`${name}.${f.name}: deprecation ${f.deprecationReason}, real schema has ${r.deprecationReason}`);
      }
      compareValues(`${name}.${f.name}`, f.args, r.args, problems);
    }
  }
}

/**
 * Returns a list of human-readable differences (empty when `oursSdl` is a faithful subset of
 * `realSdl`) and how many definitions were compared.
 */
export function compareSdl(oursSdl, realSdl) {
  const ours = buildSchema(oursSdl);
  const real = buildSchema(realSdl, { assumeValidSDL: true });
  const problems = [];
  let compared = 0;
  for (const type of Object.values(ours.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const realType = real.getType(type.name);
    if (!realType) {
      problems.push(`${type.name}: type not in the real schema`);
      continue;
    }
    compareType(type, realType, problems);
    compared += 1;
  }
  return { problems, compared };
}
