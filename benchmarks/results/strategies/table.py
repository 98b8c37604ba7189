"""Per-round test accuracy of each demo log here, as the Markdown table in BENCHMARKS.md: python3 table.py fedavg fedprox-0.01 ..."""
import os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
print('| run | ' + ' | '.join(str(i) for i in range(1, 11)) + ' | best | rejected | wall s |')
print('|---|' + '---|' * 10 + '---|---|---|')
for tag in sys.argv[1:]:
    acc, rejected, wall = [], 0, ''
    for line in open(os.path.join(here, tag + '.txt')):
        m = re.match(r'\s+(\d+)\s+\d+/\d+\s+\S+\s+(\S+)\s.*?(accepted|rejected)', line)
        if m:
            acc.append(float(m.group(2)))
            rejected += m.group(3) == 'rejected'
        m = re.match(r'=== exit (\d+) after (\d+) s', line)
        if m:
            wall = m.group(2)
    print('| %s | ' % tag + ' | '.join('%.3f' % a for a in acc) + ' | %.3f | %d | %s |' % (max(acc), rejected, wall))
