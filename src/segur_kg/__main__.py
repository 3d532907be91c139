"""``python -m segur_kg``: the ``segur-kg`` executable, started the same way as the console script."""

from segur_kg.launch import main

if __name__ == "__main__":
    main()
