#!/usr/bin/env python3
"""Counts the `Effect`s in app/src and those whose body writes a signal (`.set(`,
`.update(`, `.write(`, `.push(`, `.try_update(`, `show_error(`): issue 32's measure of
effects standing where a derived signal, a memo or an action's version would do.
`-v` lists each writing effect. Run from anywhere inside the repository."""
import os, re, subprocess, sys
root=subprocess.check_output(['git','rev-parse','--show-toplevel']).decode().strip()
files=subprocess.check_output(['git','ls-files','app/src/*.rs'],cwd=root).decode().split()
total=writes=0
for f in files:
    t=open(os.path.join(root, f)).read()
    for m in re.finditer(r'Effect::(new|watch|new_isomorphic)\(',t):
        i=m.end(); d=1
        while d:
            c=t[i]; d+= c=='('; d-= c==')'; i+=1
        body=t[m.start():i]; total+=1
        w=re.findall(r'\.(set|update|write|push|try_update|try_set)\(|(show_error)\(',body); w=[a or b for a,b in w]
        if w:
            writes+=1
            if '-v' in sys.argv: print(f, t[:m.start()].count('\n')+1, sorted(set(w)))
print('effects',total,'writing',writes)
