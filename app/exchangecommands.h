#pragma once

#include <QStringList>

// hookscope export --session FILE --format fixtures|har|jsonl --out PATH [--resign] [--redact]
//                  [--drop-invalid] [--jest] [--only FILTER] [--force]
int runExportCommand(const QStringList &arguments);
// hookscope import --session FILE [--key NAME=FILE]... [--partial] PATH...
int runImportCommand(const QStringList &arguments);
// hookscope replay --session FILE --to URL [--only FILTER] [--resign] [--shuffle]
//                  [--duplicate-rate P] [--max-delay MS] [--seed N] [--rate R] [--json]
int runReplayCommand(const QStringList &arguments);
// hookscope curl --session FILE SEQ [--to URL]
int runCurlCommand(const QStringList &arguments);
