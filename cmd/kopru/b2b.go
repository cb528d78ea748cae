package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
)

// b2b runs the B2B subcommands; "solve" reads an instance on stdin and writes the schedule
// on stdout (the JSON contract in docs/api.md), with a "reasons" entry for every meeting
// it could not place.
func b2b(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "solve" {
		return errors.New(`unknown "b2b" subcommand; want "b2b solve" (instance JSON on stdin, schedule JSON on stdout)`)
	}
	if len(args) > 1 {
		return fmt.Errorf("b2b solve takes no arguments, got %q", args[1:])
	}
	return b2bSolve(stdin, stdout)
}

func b2bSolve(stdin io.Reader, stdout io.Writer) error {
	in, err := schedule.Decode(stdin)
	if err != nil {
		return fmt.Errorf("b2b solve: %w", err)
	}
	sc, err := schedule.Solve(in)
	if err != nil {
		return fmt.Errorf("b2b solve: invalid instance: %w", err)
	}
	enc := json.NewEncoder(stdout)
	return enc.Encode(sc)
}
