// Every view helper, one per file; the file name (camelCased) is the helper's name.
import and from './and.js';
import concat from './concat.js';
import contentLang from './content-lang.js';
import eq from './eq.js';
import fieldError from './field-error.js';
import fieldValue from './field-value.js';
import formatDate from './format-date.js';
import formatNumber from './format-number.js';
import formatPercent from './format-percent.js';
import includes from './includes.js';
import isoDate from './iso-date.js';
import not from './not.js';
import or from './or.js';
import t from './t.js';
import tMarked from './t-marked.js';
import tp from './tp.js';

export const helpers = { and, concat, contentLang, eq, fieldError, fieldValue, formatDate, formatNumber, formatPercent, includes, isoDate, not, or, t, tMarked, tp };
