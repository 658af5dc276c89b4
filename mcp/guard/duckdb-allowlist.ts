/**
 * What a lakehouse query may name, by allowlist: the functions it may call and the relations it
 * may read. DuckDB has table functions that log to files or stdout, checkpoint, read any file,
 * list secrets and settings, scalar ones that write the log or stall, and system views of logs,
 * settings and secrets. A name not listed here is refused, so whatever a new DuckDB release adds
 * is refused until someone has looked at it. Function names are DuckDB's (and the PostgreSQL
 * names its parser rewrites syntax into, such as `btrim` for TRIM(BOTH …)).
 */

/** Table functions allowed in FROM: they generate rows and touch nothing. */
export const DUCKDB_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest', 'json_each', 'json_tree']);

const AGGREGATES = [
  'any_value', 'approx_count_distinct', 'approx_quantile', 'arbitrary', 'arg_max', 'arg_min', 'argmax', 'argmin', 'array_agg',
  'avg', 'bit_and', 'bit_or', 'bit_xor', 'bool_and', 'bool_or', 'corr', 'count', 'count_if', 'count_star', 'countif',
  'covar_pop', 'covar_samp', 'entropy', 'every', 'favg', 'first', 'fsum', 'geomean', 'geometric_mean', 'group_concat',
  'histogram', 'kahan_sum', 'kurtosis', 'kurtosis_pop', 'last', 'list', 'listagg', 'mad', 'max', 'max_by', 'mean', 'median',
  'min', 'min_by', 'mode', 'product', 'quantile', 'quantile_cont', 'quantile_disc', 'regr_avgx', 'regr_avgy', 'regr_count',
  'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy', 'regr_syy', 'reservoir_quantile', 'sem', 'skewness',
  'stddev', 'stddev_pop', 'stddev_samp', 'string_agg', 'sum', 'sumkahan', 'var_pop', 'var_samp', 'variance', 'weighted_avg',
  'wavg', 'json_group_array', 'json_group_object',
];

const WINDOW = ['row_number', 'rank', 'dense_rank', 'rank_dense', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value'];

const TEXT = [
  'ascii', 'bit_length', 'btrim', 'char_length', 'character_length', 'chr', 'concat', 'concat_ws', 'contains', 'ends_with',
  'format', 'hamming', 'ilike_escape', 'instr', 'jaccard', 'jaro_similarity', 'jaro_winkler_similarity', 'lcase', 'left',
  'len', 'length', 'levenshtein', 'damerau_levenshtein', 'like_escape', 'lower', 'lpad', 'ltrim', 'md5', 'mismatches',
  'nfc_normalize', 'octet_length', 'ord', 'overlay', 'position', 'prefix', 'printf', 'regexp_escape', 'regexp_extract',
  'regexp_extract_all', 'regexp_full_match', 'regexp_matches', 'regexp_replace', 'regexp_split_to_array', 'repeat', 'replace',
  'reverse', 'right', 'rpad', 'rtrim', 'sha1', 'sha256', 'split', 'split_part', 'starts_with', 'str_split', 'str_split_regex',
  'string_split', 'string_split_regex', 'string_to_array', 'strip_accents', 'strlen', 'strpos', 'substr', 'substring', 'suffix',
  'to_base64', 'from_base64', 'translate', 'trim', 'ucase', 'unicode', 'upper', 'url_decode', 'url_encode', 'hex', 'unhex',
  'to_hex', 'from_hex', 'bin', 'unbin', 'base64', 'encode', 'decode', 'to_binary', 'from_binary', 'hash', 'md5_number',
  'left_grapheme', 'right_grapheme', 'length_grapheme', 'substring_grapheme', 'editdist3', 'not_like_escape', 'not_ilike_escape',
];

const NUMBERS = [
  'abs', 'acos', 'acosh', 'add', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'bit_count', 'cbrt', 'ceil', 'ceiling', 'cos',
  'cosh', 'cot', 'degrees', 'divide', 'even', 'exp', 'factorial', 'fdiv', 'fmod', 'floor', 'gamma', 'gcd', 'greatest',
  'greatest_common_divisor', 'isfinite', 'isinf', 'isnan', 'lcm', 'least', 'least_common_multiple', 'lgamma', 'ln', 'log',
  'log10', 'log2', 'mod', 'multiply', 'nextafter', 'pi', 'pow', 'power', 'radians', 'random', 'round', 'round_even',
  'roundbankers', 'sign', 'signbit', 'sin', 'sinh', 'sqrt', 'subtract', 'tan', 'tanh', 'trunc', 'xor', 'to_base',
  'format_bytes', 'formatreadablesize', 'formatreadabledecimalsize', 'parse_formatted_bytes', 'equi_width_bins', 'set_bit',
  'get_bit', 'bit_position', 'bitstring',
];

const DATES = [
  'age', 'century', 'current_date', 'current_localtime', 'current_localtimestamp', 'date_add', 'date_diff', 'date_part', 'date_sub',
  'date_trunc', 'datediff', 'datepart', 'datesub', 'datetrunc', 'day', 'dayname', 'dayofmonth', 'dayofweek', 'dayofyear',
  'days_in_month', 'decade', 'epoch', 'epoch_ms', 'epoch_ns', 'epoch_us', 'era', 'extract', 'get_current_time',
  'get_current_timestamp', 'hour', 'isodow', 'isoyear', 'julian', 'last_day', 'make_date', 'make_time', 'make_timestamp',
  'make_timestamp_ms', 'make_timestamp_ns', 'make_timestamptz', 'microsecond', 'millennium', 'millisecond', 'minute', 'month',
  'monthname', 'nanosecond', 'normalized_interval', 'now', 'quarter', 'second', 'strftime', 'strptime', 'time_bucket',
  'timezone', 'timezone_hour', 'timezone_minute', 'to_centuries', 'to_days', 'to_decades', 'to_hours', 'to_microseconds',
  'to_millennia', 'to_milliseconds', 'to_minutes', 'to_months', 'to_quarters', 'to_seconds', 'to_timestamp', 'to_weeks',
  'to_years', 'today', 'transaction_timestamp', 'try_strptime', 'week', 'weekday', 'weekofyear', 'year', 'yearweek', 'ago',
];

const LISTS_AND_STRUCTS = [
  'array_aggr', 'array_aggregate', 'array_append', 'array_cat', 'array_concat', 'array_contains', 'array_distinct', 'array_extract',
  'array_has', 'array_has_all', 'array_has_any', 'array_indexof', 'array_intersect', 'array_length', 'array_position',
  'array_prepend', 'array_reverse', 'array_reverse_sort', 'array_slice', 'array_sort', 'array_to_string', 'array_unique',
  'array_value', 'cardinality', 'element_at', 'flatten', 'generate_series', 'list_aggr', 'list_aggregate', 'list_any_value',
  'list_append', 'list_avg', 'list_cat', 'list_concat', 'list_contains', 'list_count', 'list_distinct', 'list_element',
  'list_extract', 'list_first', 'list_has', 'list_has_all', 'list_has_any', 'list_indexof', 'list_intersect', 'list_last',
  'list_max', 'list_median', 'list_min', 'list_mode', 'list_pack', 'list_position', 'list_prepend', 'list_resize',
  'list_reverse', 'list_reverse_sort', 'list_select', 'list_slice', 'list_sort', 'list_string_agg', 'list_sum', 'list_unique',
  'list_value', 'list_where', 'list_zip', 'map', 'map_concat', 'map_contains', 'map_entries', 'map_extract', 'map_extract_value',
  'map_from_entries', 'map_keys', 'map_values', 'range', 'row', 'struct_extract', 'struct_insert', 'struct_pack', 'unnest',
  'array_zip', 'array_where', 'array_select', 'array_resize', 'array_grade_up', 'list_grade_up', 'grade_up', 'array_pop_back',
  'array_pop_front', 'array_push_back', 'array_push_front', 'generate_subscripts',
];

const JSON_FUNCTIONS = [
  'json', 'json_array', 'json_array_length', 'json_contains', 'json_exists', 'json_extract', 'json_extract_path',
  'json_extract_path_text', 'json_extract_string', 'json_keys', 'json_merge_patch', 'json_object', 'json_pretty', 'json_quote',
  'json_structure', 'json_transform', 'json_transform_strict', 'json_type', 'json_valid', 'json_value', 'to_json', 'from_json',
  'from_json_strict', 'array_to_json', 'row_to_json', 'json_each', 'json_tree',
];

const OTHER = [
  'coalesce', 'ifnull', 'nullif', 'if', 'iif', 'typeof', 'pg_typeof', 'uuid', 'gen_random_uuid', 'uuidv4', 'uuidv7',
  'current_database', 'current_catalog', 'current_schema', 'current_user', 'user', 'session_user', 'version',
  'enum_code', 'enum_first', 'enum_last', 'enum_range', 'enum_range_boundary', 'union_extract', 'union_tag', 'union_value',
  'bar', 'constant_or_null', 'format_type', 'format_pg_type', 'can_cast_implicitly',
];

export const DUCKDB_FUNCTIONS: ReadonlySet<string> = new Set(
  [...AGGREGATES, ...WINDOW, ...TEXT, ...NUMBERS, ...DATES, ...LISTS_AND_STRUCTS, ...JSON_FUNCTIONS, ...OTHER].map((n) => n.toLowerCase()),
);

/** Schemas a function name may be qualified with: DuckDB's built-in ones and the PostgreSQL parser's rewrite of syntax. */
const FUNCTION_SCHEMAS = new Set(['pg_catalog', 'main', 'system']);

/** Why a DuckDB function call is refused, or undefined when it is on the allowlist. */
export function duckdbFunctionProblem(qualifiedName: string, asTable: boolean): string | undefined {
  const parts = qualifiedName.toLowerCase().split('.').filter((p) => p.length > 0);
  const name = parts[parts.length - 1] ?? '';
  const schemaOk = parts.slice(0, -1).every((p) => FUNCTION_SCHEMAS.has(p));
  const listed = asTable ? DUCKDB_TABLE_FUNCTIONS.has(name) : DUCKDB_FUNCTIONS.has(name);
  if (schemaOk && listed) return undefined;
  const what = asTable ? 'table function' : 'function';
  return (
    `query_sql does not call the DuckDB ${what} \`${qualifiedName}\`: on the lakehouse only a fixed list of ${what}s is allowed ` +
    `(text, number, date, list, JSON and aggregate functions${asTable ? '; in FROM only range, generate_series, unnest, json_each and json_tree' : ''}). ` +
    'Functions that read files, settings, secrets or the log are never run. Query the lakehouse tables (list_source_tables on the warehouse connection shows them).'
  );
}

/** Schemas a lakehouse query may read: the layers, and the standard catalog views of them. */
const READABLE_SCHEMAS = new Set(['bronze', 'silver', 'gold', 'information_schema']);

/**
 * Why reading a relation is refused, or undefined when allowed: a table of a layer
 * (`bronze.t`, `tenant_x.silver.t`), an information_schema view, or a name the query itself
 * defines in a WITH clause.
 */
export function duckdbRelationProblem(relation: { catalog?: string; schema?: string; name: string }, queryNames: ReadonlySet<string>): string | undefined {
  const schema = relation.schema?.toLowerCase();
  if (schema === undefined && queryNames.has(relation.name.toLowerCase())) return undefined;
  if (schema !== undefined && READABLE_SCHEMAS.has(schema)) return undefined;
  const written = [relation.catalog, relation.schema, relation.name].filter((p) => p !== undefined).join('.');
  return (
    `query_sql does not read \`${written}\` on the lakehouse: only the tables of its layers are read, named with their layer ` +
    '(bronze.my_table, silver.my_table, gold.my_table; list_source_tables shows them), and information_schema. DuckDB\'s own system views (settings, logs, secrets) are never read.'
  );
}
