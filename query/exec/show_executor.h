// Runs the SHOW statements over a tenant snapshot, answering with the series names and
// columns InfluxDB 1.x uses ("measurements"/name, tagKey, key/value, fieldKey/fieldType, key).
#pragma once

#include "engine/base/result.h"
#include "engine/tenant.h"
#include "query/parser/ast.h"
#include "query/exec/execution_options.h"
#include "query/result.h"

namespace strata::query {

// SHOW DATABASES lists options.databases and reads no snapshot.
StatementResult execute_show_databases(const ExecutionOptions& options);
// kInvalidArgument for a bad regex or a WHERE clause that mentions time other than in
// top-level AND terms (time terms are accepted and ignored: the catalog has no times).
Result<StatementResult> execute_show_measurements(const ShowMeasurementsStatement& statement, const Snapshot& snapshot,
                                                  const ExecutionOptions& options);
Result<StatementResult> execute_show_tag_keys(const ShowTagKeysStatement& statement, const Snapshot& snapshot,
                                              const ExecutionOptions& options);
Result<StatementResult> execute_show_tag_values(const ShowTagValuesStatement& statement, const Snapshot& snapshot,
                                                const ExecutionOptions& options);
Result<StatementResult> execute_show_field_keys(const ShowFieldKeysStatement& statement, const Snapshot& snapshot);
Result<StatementResult> execute_show_series(const ShowSeriesStatement& statement, const Snapshot& snapshot,
                                            const ExecutionOptions& options);
Result<StatementResult> execute_show_series_cardinality(const ShowSeriesCardinalityStatement& statement,
                                                        const Snapshot& snapshot, const ExecutionOptions& options);

}  // namespace strata::query
