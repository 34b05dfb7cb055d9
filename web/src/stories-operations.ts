// The stories list and one story, as the stories panel (stories-panel.ts) asks for them.
import { graphql } from '../generated/gql.js';

export const StoriesQuery = graphql(`
  query Stories($from: String, $to: String, $first: Int) {
    stories(filter: { from: $from, to: $to }, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          firstDate
          lastDate
          articleCount
          outletCount
        }
      }
    }
  }
`);

export const StoryQuery = graphql(`
  query Story($id: ID!) {
    story(id: $id) {
      id
      title
      firstDate
      lastDate
      articleCount
      outletCount
      outlets
      mainActors(first: 8) {
        id
        name
      }
      events(first: 40) {
        totalCount
        edges {
          node {
            id
            name
            date
            typeLabel
            participants {
              role
              actor {
                id
                name
              }
            }
            places {
              id
              name
            }
          }
        }
      }
    }
  }
`);
