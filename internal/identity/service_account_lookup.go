package identity

import (
	"context"
	"errors"
)

// AccountIDByEmail finds the enabled account of an address, for modules that place people
// by address (a coordinator assigning a volunteer) or must not create a second account for
// one (guest sign-up). ok is false when there is none.
func (s *Service) AccountIDByEmail(ctx context.Context, email string) (id int64, ok bool, err error) {
	u, _, err := userByEmail(ctx, s.db, email)
	if errors.Is(err, ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return u.ID, u.DisabledAt == nil, nil
}
