"""Password hashing: Argon2id with OWASP's minimum parameters (issue 21).

Django's own Argon2PasswordHasher uses argon2-cffi's RFC 9106 "low memory" profile (64 MiB, t=3,
p=8 lanes). OWASP's Password Storage Cheat Sheet gives m=19 MiB, t=2, p=1 as the first of its
equivalent Argon2id settings: the same resistance to guessing per hash with a third of the memory
and one lane, which is what lets a room of 100 leaders log in within a minute on two cores without
a worker holding 64 MiB per login. The algorithm name stays "argon2", so hashes made with other
parameters (Django's default, or ours changed later) still verify and are re-hashed at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OWASPArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB: 19 MiB
    parallelism = 1
