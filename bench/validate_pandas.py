"""pandas side of bench/validate.bench.ts: the same 12 rules, vectorised. Prints the counts as JSON."""
import json
import sys

import pandas as pd

path, email_pattern, countries, statuses = sys.argv[1], sys.argv[2], sys.argv[3].split(','), sys.argv[4].split(',')
df = pd.read_csv(path, dtype={'id': 'Int64', 'user_id': 'Int64', 'age': 'Int64', 'amount': 'float64', 'score': 'float64',
                              'country': 'string', 'email': 'string', 'day': 'string', 'status': 'string', 'flag': 'boolean'})
email = df['email'].dropna()
counts = {
    'rows': len(df),
    'id nullable': int(df['id'].isna().sum()),
    'id unique': int(df['id'].dropna().duplicated(keep=False).sum()),
    'age min': int((df['age'] < 0).sum()),
    'age max': int((df['age'] > 120).sum()),
    'amount min': int((df['amount'] < 0).sum()),
    'amount mean': float(df['amount'].mean()),
    'score min': int((df['score'] < 0).sum()),
    'score max': int((df['score'] > 1).sum()),
    'country allowed': int((~df['country'].dropna().isin(countries)).sum()),
    'email pattern': int((~email.str.fullmatch(email_pattern)).sum()),
    'status allowed': int((~df['status'].dropna().isin(statuses)).sum()),
    'day type': int(pd.to_datetime(df['day'], format='%Y-%m-%d', errors='coerce').isna().sum() - df['day'].isna().sum()),
}
print(json.dumps(counts))
