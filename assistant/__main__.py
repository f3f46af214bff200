from assistant.cli import main
from assistant.entrypoint import run_main

run_main(main)
