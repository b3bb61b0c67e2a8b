"""Check the bundled example from Python and print what a QA script would act on."""

from pathlib import Path

import parallelcheck

seed = Path(__file__).with_name("sme-ministry-briefing.5lang.txt")
report = parallelcheck.check_documents(parallelcheck.load_paths([str(seed)]))

for f in report.findings:
    print(f"{f.severity:7} {f.rule} {f.kind:12} {f.language} ¶{f.location.paragraph}: {f.message}")
    if f.reference:
        print(f"        missing from {f.reference.language} ¶{f.reference.paragraph}: {f.reference.text}")
print(report.summary)
raise SystemExit(report.exit_code())
