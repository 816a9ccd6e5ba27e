//! What the reader draws, at a wide and a narrow size, as text snapshots
//! (`cargo insta review` after an intended change).

use paperboat::corpus::Corpus;
use paperboat::query::Papers;
use paperboat::tui::action::{Action, Command};
use paperboat::tui::line_edit::Edit;
use paperboat::tui::state::{App, FacetRow};
use paperboat::tui::theme::Theme;
use paperboat::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 3] = [(160, 48), (120, 40), (60, 20)];

fn app(size: (u16, u16)) -> App {
    App::new(Corpus::bundled().unwrap(), size)
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
    terminal
        .draw(|frame| view::draw(frame, app, &Theme::plain()))
        .unwrap();
    terminal
}

/// The bookmarks, as read from the store, through `update`.
fn set_bookmarks(app: &mut App, bookmarks: Vec<paperboat::store::bookmarks::Bookmark>) {
    app.update(Action::BookmarksLoaded {
        result: Ok(bookmarks),
        done: None,
    });
}

fn type_query(app: &mut App, text: &str) {
    app.update(Command::EditQuery);
    for c in text.chars() {
        app.update(Command::Edit(Edit::Insert(c)));
    }
}

#[test]
fn start_screen() {
    for size in SIZES {
        let terminal = render(&app(size));
        insta::assert_snapshot!(format!("start_{}x{}", size.0, size.1), terminal.backend());
    }
}

#[test]
fn filtered_list_with_highlights() {
    for size in SIZES {
        let mut app = app(size);
        type_query(&mut app, "mamba");
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("filtered_{}x{}", size.0, size.1),
            terminal.backend()
        );

        // The letters of "Mamba" in the list's first row are drawn as matches
        // (the title may be cut after "Ma" in a narrow pane).
        let buffer = terminal.backend().buffer();
        let list = app.areas().unwrap().list;
        let row = list.y;
        let line: String = (list.x..list.right())
            .map(|x| buffer[(x, row)].symbol().to_string())
            .collect();
        let col = list.x
            + line
                .find("Survey of Ma")
                .map(|byte| line[..byte].chars().count() as u16 + 10)
                .expect("the Mamba survey on the first row");
        for x in col..col + 2 {
            let cell = &buffer[(x, row)];
            assert!(
                cell.modifier
                    .contains(Modifier::BOLD | Modifier::UNDERLINED),
                "cell {x} {:?}",
                cell
            );
        }
        let before = &buffer[(col - 2, row)];
        assert!(!before.modifier.contains(Modifier::BOLD));
    }
}

#[test]
fn help_overlay() {
    for size in SIZES {
        let mut app = app(size);
        app.update(Command::ToggleHelp);
        let terminal = render(&app);
        insta::assert_snapshot!(format!("help_{}x{}", size.0, size.1), terminal.backend());
    }
}

#[test]
fn copy_popup_over_two_picks() {
    for size in [(120, 40), (80, 24), (60, 15)] {
        let mut app = app(size);
        app.update(Command::ToggleChosen);
        app.update(Command::ToggleChosen);
        app.update(Command::ShowCopy);
        let terminal = render(&app);
        insta::assert_snapshot!(format!("copy_{}x{}", size.0, size.1), terminal.backend());
    }
}

#[test]
fn timeline_popup() {
    for size in [(120, 40), (60, 20)] {
        let mut app = app(size);
        app.update(Command::ShowTimeline);
        app.update(Command::Move(-3));
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("timeline_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

/// Papers from 1994 to 2024, as an arXiv snapshot has them: the
/// timeline counts per year.
#[test]
fn timeline_of_thirty_years() {
    // One paper in 1994, growing by one a year to 31 in 2024.
    let papers: Vec<paperboat::corpus::Paper> = (0..31u16)
        .flat_map(|y| (0..=y).map(move |n| (1994 + y, n)))
        .map(|(year, n)| {
            let mut p = paperboat::corpus::Paper::titled(format!("Paper {year} {n}"));
            p.id = format!("arXiv:{year}.{n}");
            p.published = paperboat::corpus::Date::new(year, (n % 12 + 1) as u8, 1);
            p
        })
        .collect();
    for size in [(120, 40), (160, 48)] {
        let mut app = App::new(
            paperboat::catalog::Catalog::loaded("arXiv".into(), papers.clone()),
            size,
        );
        app.update(Command::ShowTimeline);
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("timeline_30_years_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

#[test]
fn detail_pane_ends_with_related_papers() {
    for size in [(120, 40), (80, 24)] {
        let mut app = app(size);
        type_query(&mut app, "msvm unet");
        app.update(Command::LeaveQuery);
        let paper = app.related_wanted().unwrap();
        let list = app
            .find_related(paper, &std::sync::atomic::AtomicBool::new(false))
            .unwrap();
        app.update(paperboat::tui::action::Action::Related(Box::new(list)));
        app.update(Command::FocusDetail);
        app.update(Command::RelatedNext);
        let terminal = render(&app);
        insta::assert_snapshot!(format!("related_{}x{}", size.0, size.1), terminal.backend());
    }
}

#[test]
fn detail_pane_scrolled() {
    // At 160x48 the whole detail fits: nothing to scroll.
    for size in SIZES[1..].iter().copied() {
        let mut app = app(size);
        type_query(&mut app, "mamba");
        app.update(Command::LeaveQuery);
        app.update(Command::FocusDetail);
        app.update(Command::Move(6));
        assert_eq!(app.detail_scroll(), 6);
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("detail_scrolled_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

#[test]
fn too_small_notice() {
    for size in [(39, 9), (20, 5), (1, 1)] {
        let terminal = render(&app(size));
        insta::assert_snapshot!(
            format!("too_small_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

#[test]
fn every_size_from_tiny_to_wide_renders() {
    let mut app = app((1, 1));
    type_query(&mut app, "mamba");
    for width in 1..=130 {
        for height in [1, 2, 9, 10, 11, 20, 41] {
            app.update(Command::Resize(width, height));
            render(&app);
        }
    }
    app.update(Command::ToggleHelp);
    for (w, h) in [(40, 10), (41, 12), (100, 10), (45, 30)] {
        app.update(Command::Resize(w, h));
        render(&app);
    }
}

#[test]
fn facet_panel() {
    for size in SIZES {
        let mut app = app(size);
        type_query(&mut app, "seg");
        app.update(Command::LeaveQuery);
        if size.0 < 140 {
            app.update(Command::ShowFacets);
        } else {
            app.update(Command::FocusPrev);
        }
        app.update(Command::Move(1));
        app.update(Command::ToggleFacetEntry);
        let text = app.search().line().text();
        assert!(text.starts_with("seg tag:"), "{text}");
        let terminal = render(&app);
        insta::assert_snapshot!(format!("facets_{}x{}", size.0, size.1), terminal.backend());
    }
}

#[test]
fn bookmarks_and_a_note() {
    use paperboat::store::bookmarks::Bookmark;
    for size in SIZES {
        let mut app = app(size);
        let mark = |app: &App, position: usize, note: &str| {
            let paper = app.catalog().paper(app.search().hits()[position].index);
            Bookmark {
                added: "2026-11-01T09:00:00Z".into(),
                ..Bookmark::of(&paper, note)
            }
        };
        let first = mark(&app, 0, "a strong generalist baseline");
        let third = mark(&app, 2, "");
        let elsewhere = Bookmark {
            id: "kept-from-elsewhere".into(),
            title: "A Paper Kept From Another Corpus".into(),
            added: "2026-10-01T09:00:00Z".into(),
            note: String::new(),
            links: Vec::new(),
            cite: None,
            version: None,
        };
        set_bookmarks(&mut app, vec![first, third, elsewhere]);
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("bookmarks_{}x{}", size.0, size.1),
            terminal.backend()
        );
        app.update(Command::EditNote);
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("note_popup_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

/// Every screen and popup, each reached the way a user would.
fn every_screen() -> Vec<(&'static str, App)> {
    let corpus = paperboat::corpus::load_bytes(
        br#"[{"title": "A Paper With Links and a Long Enough Title to Wrap", "abstract": "Some text.\n\nMore text.",
              "published": "2025-01-01", "upvotes": 3, "tags": ["task/segmentation", "modality/ct"],
              "links": [{"kind": "code", "url": "https://github.com/a/b"}, {"kind": "paper", "url": "https://arxiv.org/abs/1"}]},
             {"title": "Another", "published": "2024-01-01"}]"#,
        "c.json",
    )
    .unwrap();
    let base = || App::new(corpus.clone(), (120, 40));
    let with = |actions: Vec<Command>| {
        let mut app = base();
        for a in actions {
            app.update(a);
        }
        app
    };
    vec![
        ("list", base()),
        (
            "query",
            with(vec![Command::EditQuery, Command::Edit(Edit::Insert('l'))]),
        ),
        (
            "bad query",
            with(vec![
                Command::EditQuery,
                Command::Edit(Edit::Insert('y')),
                Command::Edit(Edit::Insert(':')),
            ]),
        ),
        ("detail", with(vec![Command::FocusDetail, Command::Move(2)])),
        (
            "facets",
            with(vec![Command::FocusPrev, Command::ToggleFacetEntry]),
        ),
        ("facets flipped", with(vec![Command::ShowFacets])),
        ("help", with(vec![Command::ToggleHelp, Command::Move(5)])),
        ("note", with(vec![Command::EditNote])),
        ("links", with(vec![Command::ShowLinks, Command::Move(1)])),
        ("copy", with(vec![Command::ToggleChosen, Command::ShowCopy])),
        (
            "timeline",
            with(vec![Command::ShowTimeline, Command::Move(-1)]),
        ),
        (
            "empty",
            with(vec![
                Command::EditQuery,
                Command::Edit(Edit::Insert('z')),
                Command::Edit(Edit::Insert('q')),
            ]),
        ),
    ]
}

#[test]
fn every_screen_and_popup_renders_at_every_tiny_size() {
    for (name, mut app) in every_screen() {
        for width in 1..=40 {
            for height in 1..=12 {
                app.update(Command::Resize(width, height));
                let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                terminal
                    .draw(|frame| view::draw(frame, &app, &Theme::plain()))
                    .unwrap_or_else(|e| panic!("{name} at {width}x{height}: {e}"));
            }
        }
    }
}

/// The screen as plain text, one string per row.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn a_note_with_line_breaks_shows_them() {
    use paperboat::store::bookmarks::Bookmark;
    let mut app = app((120, 40));
    let paper = app
        .catalog()
        .paper(app.search().hits()[0].index)
        .into_owned();
    let noted = Bookmark {
        added: "2026-11-01T09:00:00Z".into(),
        ..Bookmark::of(&paper, "first line\nsecond line")
    };
    set_bookmarks(&mut app, vec![noted]);
    let screen = rows(&render(&app)).join("\n");
    assert!(screen.contains("✎ first line"), "{screen}");
    assert!(screen.contains("  second line"), "{screen}");
    assert!(!screen.contains("first linesecond line"), "{screen}");
    app.update(Command::EditNote);
    let screen = rows(&render(&app)).join("\n");
    assert!(screen.contains("first line↵second line"), "{screen}");
}

/// A search that runs long says so in the status line, and nothing of the
/// hints is left beside it.
#[test]
fn a_long_search_says_it_is_searching() {
    let app = app((120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = paperboat::tui::theme::Theme::plain();
    terminal
        .draw(|frame| paperboat::tui::view::draw_searching(frame, &app, &theme))
        .unwrap();
    let last = rows(&terminal).pop().unwrap();
    assert_eq!(last.trim_end(), " searching 192 papers… (keys still work)");
}

#[test]
fn a_word_only_in_unindexed_abstracts_is_counted_in_the_empty_list() {
    let mut app = app((100, 30));
    type_query(&mut app, "mimic");
    let text = rows(&render(&app)).join("\n");
    assert!(text.contains("no papers match"), "{text}");
    assert!(
        text.contains("14 papers have mimic in the abstract"),
        "{text}"
    );
}

/// Without colours: no cell of a row is underlined unless it is a
/// highlighted letter, and the selected row is reverse video, focused or
/// not.
#[test]
fn without_colour_rows_have_no_stray_underline_and_the_selection_shows() {
    let mut app = app((120, 40));
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let list = app.areas().unwrap().list;
    for y in list.y..list.y + list.height {
        for x in list.x..list.x + list.width {
            let cell = &buffer[(x, y)];
            assert!(
                !cell.modifier.contains(Modifier::UNDERLINED),
                "underlined at {x},{y}: {:?}",
                cell.symbol()
            );
        }
    }
    let reversed = |terminal: &Terminal<TestBackend>, y: u16| {
        terminal.backend().buffer()[(list.x + 30, y)]
            .modifier
            .contains(Modifier::REVERSED)
    };
    assert!(reversed(&terminal, list.y), "the selected row, focused");
    assert!(!reversed(&terminal, list.y + 1));
    // The query line has the keys: the list's selection still shows.
    app.update(Command::EditQuery);
    let terminal = render(&app);
    assert!(reversed(&terminal, list.y), "the selected row, unfocused");
}

/// The footer keeps `? help` and `q quit` at every size, dropping other
/// hints first; the detail pane's footer has its own keys.
#[test]
fn the_footer_always_keeps_help_and_quit() {
    for size in [(60, 15), (80, 24), (120, 40)] {
        let mut app = app(size);
        let footer = |app: &App| rows(&render(app)).last().cloned().unwrap();
        let list = footer(&app);
        assert!(
            list.contains("? help") && list.contains("q quit"),
            "{size:?}: {list}"
        );
        app.update(Command::FocusDetail);
        let detail = footer(&app);
        assert!(
            detail.contains("j/k scroll") && detail.contains("Esc list"),
            "{size:?}: {detail}"
        );
        assert!(
            detail.contains("? help") && detail.contains("q quit"),
            "{size:?}: {detail}"
        );
    }
}

/// Link numbers past 9 keep the kinds in one column in the detail pane.
#[test]
fn link_kinds_line_up_past_nine() {
    let mut paper = paperboat::corpus::Paper::titled("Many links");
    paper.links = (1..=12)
        .map(|i| paperboat::corpus::Link::classified(format!("https://example.org/{i}")))
        .collect();
    let corpus = Corpus {
        name: "links".into(),
        papers: vec![paper],
    };
    let app = App::new(corpus, (160, 48));
    let screen = rows(&render(&app));
    let columns: Vec<usize> = screen
        .iter()
        .filter(|l| l.contains("example.org"))
        .map(|l| l.find("project").unwrap())
        .collect();
    assert_eq!(columns.len(), 12, "{screen:#?}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{screen:#?}");
}

/// However far the facets are scrolled, the panel's top line names the
/// group of the entries below it, and the entry under the cursor shows.
#[test]
fn a_facet_group_heading_stays_on_top_whatever_the_scroll() {
    let groups = [
        "Type", "Task", "Modality", "Method", "Category", "Year", "Code",
    ];
    for size in [(160, 48), (80, 24), (60, 15)] {
        let mut app = app(size);
        if !app.show_facets() {
            app.update(Command::ShowFacets);
        } else {
            app.update(Command::FocusPrev);
        }
        let entries = app
            .facet_rows()
            .iter()
            .filter(|r| matches!(r, FacetRow::Entry { .. }))
            .count();
        for step in 0..entries {
            let terminal = render(&app);
            let area = app.areas().unwrap().facets;
            let buffer = terminal.backend().buffer();
            let line = |y: u16| -> String {
                (area.x..area.x + area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect()
            };
            let top = line(area.y);
            assert!(
                groups.contains(&top.trim()),
                "{size:?} step {step}: top line {top:?}"
            );
            let cursor_shown = (area.y..area.y + area.height).any(|y| {
                buffer[(area.x + 2, y)]
                    .modifier
                    .contains(Modifier::REVERSED)
            });
            assert!(cursor_shown, "{size:?} step {step}");
            app.update(Command::Move(1));
        }
    }
}

/// Colours that vanish on a light background: white, greys, yellows and
/// bright cyan or green, as text on the terminal's own background.
fn pale(color: ratatui::style::Color) -> bool {
    use ratatui::style::Color;
    match color {
        Color::White | Color::Gray | Color::Yellow | Color::LightYellow => true,
        Color::LightCyan | Color::LightGreen | Color::Cyan => true,
        Color::Indexed(n) => n == 7 || n == 11 || n == 15 || (250..=255).contains(&n),
        Color::Rgb(r, g, b) => u32::from(r) + u32::from(g) + u32::from(b) > 600,
        _ => false,
    }
}

#[test]
fn the_light_preset_draws_no_text_in_a_pale_colour_on_the_terminal_background() {
    let theme = Theme::light();
    for (name, app) in every_screen() {
        let mut terminal = Terminal::new(TestBackend::new(app.size().0, app.size().1)).unwrap();
        terminal
            .draw(|frame| view::draw(frame, &app, &theme))
            .unwrap();
        for cell in terminal.backend().buffer().content() {
            let on_terminal_background = cell.bg == ratatui::style::Color::Reset;
            assert!(
                !(on_terminal_background && pale(cell.fg) && cell.symbol() != " "),
                "{name}: `{}` in {:?}",
                cell.symbol(),
                cell.fg
            );
        }
    }
}

/// The screen's text, then where each style is: per row, runs of cells
/// with the same colours and attributes (the terminal's own look left
/// out), so that a snapshot shows what each preset draws in which colour.
fn styled(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for row in 0..area.height {
        let line: String = (0..area.width)
            .map(|col| buffer[(col, row)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("--- styles: row, columns, fg/bg +modifiers ---\n");
    for row in 0..area.height {
        let mut col = 0;
        while col < area.width {
            let cell = &buffer[(col, row)];
            let look = (cell.fg, cell.bg, cell.modifier);
            let start = col;
            while col < area.width && {
                let c = &buffer[(col, row)];
                (c.fg, c.bg, c.modifier) == look
            } {
                col += 1;
            }
            let plain = look.0 == ratatui::style::Color::Reset
                && look.1 == ratatui::style::Color::Reset
                && look.2.is_empty();
            if !plain {
                out.push_str(&format!(
                    "{row:>2} {start:>3}-{:<3} {:?}/{:?} {:?}\n",
                    col - 1,
                    look.0,
                    look.1,
                    look.2
                ));
            }
        }
    }
    out
}

#[test]
fn each_preset_at_two_sizes() {
    for preset in ["dark", "light", "high-contrast", "none"] {
        let theme = match preset {
            "dark" => Theme::colored(),
            "light" => Theme::light(),
            "high-contrast" => Theme::high_contrast(),
            _ => Theme::plain(),
        };
        for size in [(120, 40), (60, 20)] {
            let mut app = app(size);
            type_query(&mut app, "seg");
            app.update(Command::LeaveQuery);
            let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
            terminal
                .draw(|frame| view::draw(frame, &app, &theme))
                .unwrap();
            insta::assert_snapshot!(
                format!("preset_{preset}_{}x{}", size.0, size.1),
                styled(&terminal)
            );
        }
    }
}

#[test]
fn rows_matched_only_in_their_abstract_show_its_words_where_the_list_has_room() {
    for size in [(120, 40), (80, 24), (60, 15)] {
        let mut app = app(size);
        // Exact text: found in the abstracts without an index of their words.
        type_query(&mut app, "'MIMIC-IV");
        app.update(Command::LeaveQuery);
        let terminal = render(&app);
        insta::assert_snapshot!(
            format!("snippets_{}x{}", size.0, size.1),
            terminal.backend()
        );
        let list = app.areas().unwrap().list;
        let fits = app.row_count() * 2 <= list.height as usize;
        assert_eq!(app.row_snippets().is_some(), fits, "{size:?}");
    }
}

/// The inbox: the header says how many papers are new and how many of
/// them a saved query finds, and `Q` shows each query's new papers.
#[test]
fn new_papers_in_the_header_and_the_saved_queries_popup() {
    use paperboat::catalog::Catalog;
    use paperboat::corpus::{Instant, Meta};
    use paperboat::store::saved_queries::SavedQuery;
    let mut papers = Corpus::bundled().unwrap().papers;
    for (i, paper) in papers.iter_mut().enumerate() {
        paper.meta = Some(Box::new(Meta {
            added: Some(Instant {
                secs: if i % 9 == 0 { 300 } else { 100 },
            }),
            ..Default::default()
        }));
    }
    for size in [(120, 40), (80, 24), (60, 20)] {
        let mut catalog = Catalog::loaded("Library".into(), papers.clone());
        catalog.index.set_new_since(Some(200));
        let mut app = App::new(catalog, size);
        let saved = |name: &str, query: &str| SavedQuery {
            name: name.into(),
            query: query.into(),
        };
        app.update(Action::QueriesLoaded(Ok(vec![
            saved("segs", "segmentation"),
            saved("mamba", "mamba"),
            saved("reports", "report generation"),
        ])));
        app.update(Command::ShowQueries);
        let terminal = render(&app);
        insta::assert_snapshot!(format!("inbox_{}x{}", size.0, size.1), terminal.backend());
    }
}
