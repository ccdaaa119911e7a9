# netcadence's weekly routine as shell aliases: source this file from ~/.bashrc or ~/.zshrc
#   . /path/to/netcadence/examples/weekly-review.sh

# Friday afternoon or Monday morning: how the week went, then the week ahead laid out
# under your daily capacity (netcadence config set capacity 5).
alias nc-week='netcadence review && netcadence plan --days 7'

# Last week's review, whatever the day today.
alias nc-lastweek='netcadence review --week "1w ago"'

# People gone quiet before they go cold, and the quarter at a glance.
alias nc-dormant='netcadence dormant'
alias nc-stats='netcadence stats --since 3m'

# Goals and streaks only.
alias nc-goals='netcadence goal list'
