// Select options and labels for administration pages.
import type { Request } from 'express';
import { ADMINISTRATION_KINDS } from './administration.entity.js';
import { SIZE_CLASSES, STATE_CODES } from './size-class.js';

export function administrationOptions(req: Request) {
  return {
    kindOptions: ADMINISTRATION_KINDS.map((value) => ({ value, label: req.t(`administrations.kind.${value}`) })),
    stateOptions: STATE_CODES.map((value) => ({ value, label: req.t(`states.${value}`) })).sort((a, b) => a.label.localeCompare(b.label, 'de')),
    sizeOptions: SIZE_CLASSES.map((value) => ({ value, label: req.t(`sizeClass.${value}`) })),
  };
}
