package identity

import (
	"context"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// UsersWithRoles lists the enabled users holding any of roles, by name. Modules use it to
// offer the people a task may go to (the student module assigns support requests to
// coordinators and admins) without reading identity's tables themselves. No roles: none.
func (s *Service) UsersWithRoles(ctx context.Context, roles ...string) ([]Contact, error) {
	if len(roles) == 0 {
		return []Contact{}, nil
	}
	marks, args := make([]string, len(roles)), make([]any, len(roles))
	for i, r := range roles {
		marks[i], args[i] = "?", r
	}
	in := strings.Join(marks, ", ")
	return db.Collect(ctx, s.db, func(sc db.Scanner) (Contact, error) {
		var c Contact
		return c, sc.Scan(&c.UserID, &c.Name, &c.Email, &c.Locale)
	}, `SELECT u.id, u.name, u.email, u.locale FROM users u
		WHERE u.disabled_at IS NULL AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN (`+in+`))
		ORDER BY u.name, u.id`, args...)
}
